// Written by `make crosswalk` from Pipelines/crosswalk/provinces-2025.csv; do not edit here
// (ProvinceCrosswalkFileTests fails when the two differ).

/// The crosswalk of Resolution 202/2025/QH15, carried in the binary so that `crosswalk: 2025`
/// works wherever the pipeline file is. Sources: Pipelines/crosswalk/README.md.
enum BuiltInCrosswalk {
    static let provinces2025 = """
        old_code,new_code,effective_on,old_name,new_name
        01,01,2025-07-01,Thành phố Hà Nội,Thành phố Hà Nội
        02,08,2025-07-01,Tỉnh Hà Giang,Tỉnh Tuyên Quang
        04,04,2025-07-01,Tỉnh Cao Bằng,Tỉnh Cao Bằng
        06,19,2025-07-01,Tỉnh Bắc Kạn,Tỉnh Thái Nguyên
        08,08,2025-07-01,Tỉnh Tuyên Quang,Tỉnh Tuyên Quang
        10,15,2025-07-01,Tỉnh Lào Cai,Tỉnh Lào Cai
        11,11,2025-07-01,Tỉnh Điện Biên,Tỉnh Điện Biên
        12,12,2025-07-01,Tỉnh Lai Châu,Tỉnh Lai Châu
        14,14,2025-07-01,Tỉnh Sơn La,Tỉnh Sơn La
        15,15,2025-07-01,Tỉnh Yên Bái,Tỉnh Lào Cai
        17,25,2025-07-01,Tỉnh Hòa Bình,Tỉnh Phú Thọ
        19,19,2025-07-01,Tỉnh Thái Nguyên,Tỉnh Thái Nguyên
        20,20,2025-07-01,Tỉnh Lạng Sơn,Tỉnh Lạng Sơn
        22,22,2025-07-01,Tỉnh Quảng Ninh,Tỉnh Quảng Ninh
        24,24,2025-07-01,Tỉnh Bắc Giang,Tỉnh Bắc Ninh
        25,25,2025-07-01,Tỉnh Phú Thọ,Tỉnh Phú Thọ
        26,25,2025-07-01,Tỉnh Vĩnh Phúc,Tỉnh Phú Thọ
        27,24,2025-07-01,Tỉnh Bắc Ninh,Tỉnh Bắc Ninh
        30,31,2025-07-01,Tỉnh Hải Dương,Thành phố Hải Phòng
        31,31,2025-07-01,Thành phố Hải Phòng,Thành phố Hải Phòng
        33,33,2025-07-01,Tỉnh Hưng Yên,Tỉnh Hưng Yên
        34,33,2025-07-01,Tỉnh Thái Bình,Tỉnh Hưng Yên
        35,37,2025-07-01,Tỉnh Hà Nam,Tỉnh Ninh Bình
        36,37,2025-07-01,Tỉnh Nam Định,Tỉnh Ninh Bình
        37,37,2025-07-01,Tỉnh Ninh Bình,Tỉnh Ninh Bình
        38,38,2025-07-01,Tỉnh Thanh Hóa,Tỉnh Thanh Hóa
        40,40,2025-07-01,Tỉnh Nghệ An,Tỉnh Nghệ An
        42,42,2025-07-01,Tỉnh Hà Tĩnh,Tỉnh Hà Tĩnh
        44,44,2025-07-01,Tỉnh Quảng Bình,Tỉnh Quảng Trị
        45,44,2025-07-01,Tỉnh Quảng Trị,Tỉnh Quảng Trị
        46,46,2025-07-01,Thành phố Huế,Thành phố Huế
        48,48,2025-07-01,Thành phố Đà Nẵng,Thành phố Đà Nẵng
        49,48,2025-07-01,Tỉnh Quảng Nam,Thành phố Đà Nẵng
        51,51,2025-07-01,Tỉnh Quảng Ngãi,Tỉnh Quảng Ngãi
        52,52,2025-07-01,Tỉnh Bình Định,Tỉnh Gia Lai
        54,66,2025-07-01,Tỉnh Phú Yên,Tỉnh Đắk Lắk
        56,56,2025-07-01,Tỉnh Khánh Hòa,Tỉnh Khánh Hòa
        58,56,2025-07-01,Tỉnh Ninh Thuận,Tỉnh Khánh Hòa
        60,68,2025-07-01,Tỉnh Bình Thuận,Tỉnh Lâm Đồng
        62,51,2025-07-01,Tỉnh Kon Tum,Tỉnh Quảng Ngãi
        64,52,2025-07-01,Tỉnh Gia Lai,Tỉnh Gia Lai
        66,66,2025-07-01,Tỉnh Đắk Lắk,Tỉnh Đắk Lắk
        67,68,2025-07-01,Tỉnh Đắk Nông,Tỉnh Lâm Đồng
        68,68,2025-07-01,Tỉnh Lâm Đồng,Tỉnh Lâm Đồng
        70,75,2025-07-01,Tỉnh Bình Phước,Tỉnh Đồng Nai
        72,80,2025-07-01,Tỉnh Tây Ninh,Tỉnh Tây Ninh
        74,79,2025-07-01,Tỉnh Bình Dương,Thành phố Hồ Chí Minh
        75,75,2025-07-01,Tỉnh Đồng Nai,Tỉnh Đồng Nai
        77,79,2025-07-01,Tỉnh Bà Rịa - Vũng Tàu,Thành phố Hồ Chí Minh
        79,79,2025-07-01,Thành phố Hồ Chí Minh,Thành phố Hồ Chí Minh
        80,80,2025-07-01,Tỉnh Long An,Tỉnh Tây Ninh
        82,82,2025-07-01,Tỉnh Tiền Giang,Tỉnh Đồng Tháp
        83,86,2025-07-01,Tỉnh Bến Tre,Tỉnh Vĩnh Long
        84,86,2025-07-01,Tỉnh Trà Vinh,Tỉnh Vĩnh Long
        86,86,2025-07-01,Tỉnh Vĩnh Long,Tỉnh Vĩnh Long
        87,82,2025-07-01,Tỉnh Đồng Tháp,Tỉnh Đồng Tháp
        89,91,2025-07-01,Tỉnh An Giang,Tỉnh An Giang
        91,91,2025-07-01,Tỉnh Kiên Giang,Tỉnh An Giang
        92,92,2025-07-01,Thành phố Cần Thơ,Thành phố Cần Thơ
        93,92,2025-07-01,Tỉnh Hậu Giang,Thành phố Cần Thơ
        94,92,2025-07-01,Tỉnh Sóc Trăng,Thành phố Cần Thơ
        95,96,2025-07-01,Tỉnh Bạc Liêu,Tỉnh Cà Mau
        96,96,2025-07-01,Tỉnh Cà Mau,Tỉnh Cà Mau
        """
}
