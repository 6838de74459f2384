/// The Vietnamese words the synthetic data is built from: fields and procedure names, agencies,
/// places and people.
///
/// Everything here is invented for testing and benchmarks; names follow the common patterns of
/// the national public-service portal so that the data looks and folds like real exports
/// (diacritics, commas inside names, long labels).
enum SyntheticLexicon {
    // MARK: - Fields of government (lĩnh vực)

    /// One field: its name, where its procedures are usually run, how many working days they take,
    /// and names of typical procedures (some with commas, so that they need quoting).
    struct Field: Sendable {
        var name: String
        /// Weights of province, district and commune level for its procedures.
        var levelWeights: (province: Double, district: Double, commune: Double)
        /// Working days between reception and the promised result.
        var processingDays: [Int]
        var procedures: [String]
    }

    static let fields: [Field] = [
        Field(
            name: "Đất đai", levelWeights: (0.3, 0.6, 0.1), processingDays: [10, 15, 20, 30],
            procedures: [
                "Đăng ký đất đai, tài sản khác gắn liền với đất lần đầu",
                "Cấp đổi Giấy chứng nhận quyền sử dụng đất",
                "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
                "Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền",
                "Đính chính Giấy chứng nhận đã cấp",
                "Tách thửa hoặc hợp thửa đất",
                "Xóa đăng ký cho thuê, cho thuê lại quyền sử dụng đất",
                "Cung cấp thông tin, dữ liệu đất đai",
            ]),
        Field(
            name: "Hộ tịch", levelWeights: (0.05, 0.25, 0.7), processingDays: [0, 1, 3, 5],
            procedures: [
                "Đăng ký khai sinh",
                "Đăng ký kết hôn",
                "Đăng ký khai tử",
                "Cấp bản sao trích lục hộ tịch",
                "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch",
                "Cấp Giấy xác nhận tình trạng hôn nhân",
                "Đăng ký nhận cha, mẹ, con",
                "Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
            ]),
        Field(
            name: "Tư pháp", levelWeights: (0.5, 0.3, 0.2), processingDays: [3, 5, 10],
            procedures: [
                "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
                "Đăng ký hoạt động của Văn phòng công chứng",
                "Cấp thẻ đấu giá viên",
                "Thành lập Trung tâm tư vấn pháp luật",
                "Thủ tục hòa giải thương mại",
            ]),
        Field(
            name: "Chứng thực", levelWeights: (0.0, 0.4, 0.6), processingDays: [0, 1, 2],
            procedures: [
                "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
                "Chứng thực chữ ký trong các giấy tờ, văn bản",
                "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản",
                "Chứng thực văn bản thỏa thuận phân chia di sản",
            ]),
        Field(
            name: "Xây dựng", levelWeights: (0.4, 0.6, 0.0), processingDays: [7, 15, 20],
            procedures: [
                "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
                "Cấp giấy phép sửa chữa, cải tạo công trình",
                "Thẩm định báo cáo nghiên cứu khả thi đầu tư xây dựng",
                "Cấp chứng chỉ hành nghề hoạt động xây dựng",
                "Điều chỉnh giấy phép xây dựng",
            ]),
        Field(
            name: "Giáo dục và Đào tạo", levelWeights: (0.5, 0.4, 0.1), processingDays: [5, 10, 15],
            procedures: [
                "Chuyển trường đối với học sinh trung học phổ thông",
                "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
                "Cho phép trường mầm non hoạt động giáo dục",
                "Công nhận trường tiểu học đạt chuẩn quốc gia",
                "Xét, duyệt chính sách hỗ trợ đối với trẻ em mẫu giáo",
            ]),
        Field(
            name: "Y tế", levelWeights: (0.8, 0.2, 0.0), processingDays: [10, 20, 30],
            procedures: [
                "Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh",
                "Cấp giấy phép hoạt động đối với phòng khám chuyên khoa",
                "Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
                "Công bố cơ sở đủ điều kiện sản xuất trang thiết bị y tế",
            ]),
        Field(
            name: "Lao động - Thương binh và Xã hội", levelWeights: (0.5, 0.3, 0.2),
            processingDays: [5, 10, 15],
            procedures: [
                "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam",
                "Giải quyết hưởng trợ cấp thất nghiệp",
                "Đăng ký nội quy lao động",
                "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng",
                "Giải quyết chế độ trợ cấp một lần đối với người có công",
            ]),
        Field(
            name: "Giao thông vận tải", levelWeights: (0.9, 0.1, 0.0), processingDays: [3, 5, 10],
            procedures: [
                "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp",
                "Cấp phù hiệu xe ô tô kinh doanh vận tải",
                "Cấp giấy phép kinh doanh vận tải bằng xe ô tô",
                "Cấp lại giấy phép lái xe",
            ]),
        Field(
            name: "Kinh doanh", levelWeights: (0.5, 0.5, 0.0), processingDays: [3, 5],
            procedures: [
                "Đăng ký thành lập doanh nghiệp tư nhân",
                "Đăng ký thành lập hộ kinh doanh",
                "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
                "Tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo",
                "Cấp Giấy phép bán lẻ sản phẩm rượu",
            ]),
        Field(
            name: "Nông nghiệp và Phát triển nông thôn", levelWeights: (0.6, 0.3, 0.1),
            processingDays: [5, 10, 15],
            procedures: [
                "Cấp giấy chứng nhận cơ sở đủ điều kiện buôn bán thuốc bảo vệ thực vật",
                "Cấp giấy phép khai thác thủy sản",
                "Hỗ trợ khôi phục sản xuất vùng bị thiệt hại do thiên tai",
            ]),
    ]

    /// Qualifiers appended to procedure names to tell variants apart.
    static let procedureQualifiers: [String] = [
        "", "", "", " đối với cá nhân", " đối với tổ chức", " (cấp lại)", " có yếu tố nước ngoài",
        " trong trường hợp bị mất, hư hỏng", " (thực hiện tại cấp huyện)", ", cấp lần đầu",
        " theo Nghị định 42/2022/NĐ-CP", " cho người dân tộc thiểu số",
    ]

    /// A few procedure names that are not in any catalog (local or outdated codes).
    static let unknownProcedureNames: [String] = [
        "Thủ tục đặc thù của địa phương", "Xác nhận thông tin cư trú (mẫu cũ)",
        "Cấp giấy xác nhận hộ nghèo, hộ cận nghèo",
        "Hỗ trợ người lao động bị ảnh hưởng dịch COVID-19",
    ]

    // MARK: - Agencies

    /// Province departments (sở) and the field whose procedures they mostly receive.
    static let departments: [(name: String, field: Int)] = [
        ("Trung tâm Phục vụ hành chính công tỉnh", -1),
        ("Sở Tài nguyên và Môi trường", 0),
        ("Sở Tư pháp", 2),
        ("Sở Xây dựng", 4),
        ("Sở Giáo dục và Đào tạo", 5),
        ("Sở Y tế", 6),
        ("Sở Lao động - Thương binh và Xã hội", 7),
        ("Sở Giao thông vận tải", 8),
        ("Sở Kế hoạch và Đầu tư", 9),
        ("Sở Nông nghiệp và Phát triển nông thôn", 10),
        ("Sở Công Thương", 9),
        ("Văn phòng Đăng ký đất đai tỉnh", 0),
        ("Sở Nội vụ", 1),
        ("Sở Văn hóa, Thể thao và Du lịch", -1),
        ("Sở Thông tin và Truyền thông", -1),
        ("Sở Khoa học và Công nghệ", -1),
        ("Sở Tài chính", -1),
        ("Ban Quản lý các khu công nghiệp", 4),
        ("Công an tỉnh", -1),
        ("Bảo hiểm xã hội tỉnh", 7),
    ]

    /// Place-name syllables; districts and communes combine them.
    static let placeFirst: [String] = [
        "Tân", "Hòa", "Phú", "Đông", "Tây", "Nam", "Bắc", "Xuân", "Thạch", "An", "Yên", "Vĩnh",
    ]
    static let placeSecond: [String] = [
        "Phong", "Lợi", "Hưng", "Thịnh", "Bình", "Sơn", "Lâm", "Thành", "Phước", "Lạc", "Tường",
    ]
    static let districtKinds: [String] = ["huyện", "huyện", "huyện", "thị xã", "thành phố"]
    static let communeKinds: [String] = ["xã", "xã", "xã", "phường", "thị trấn"]

    /// The province named in addresses; the agency codes' `H12` suffix stands for it.
    static let provinceName = "tỉnh Vĩnh Phúc"

    // MARK: - People (personal data, only ever written to the exports)

    static let familyNames: [String] = [
        "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng",
        "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh",
        "Trịnh",
    ]
    static let middleNames: [String] = [
        "Văn", "Thị", "Văn", "Thị", "Đức", "Minh", "Thu", "Ngọc", "Hữu", "Quang", "Thanh", "Xuân",
        "Hoài", "Bảo", "Gia", "Khánh",
    ]
    static let givenNames: [String] = [
        "An", "Anh", "Bình", "Châu", "Cường", "Dũng", "Duyên", "Giang", "Hà", "Hải", "Hằng", "Hiếu",
        "Hoa", "Hùng", "Hương", "Huy", "Khoa", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga",
        "Ngọc", "Nhung", "Phúc", "Phương", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo", "Thắng", "Thủy",
        "Trang", "Trung", "Tuấn", "Uyên", "Việt", "Vy", "Yến",
    ]
    static let streets: [String] = [
        "đường Lê Lợi", "đường Trần Phú", "đường Nguyễn Trãi", "đường Hai Bà Trưng",
        "đường Lý Thái Tổ", "đường Hùng Vương", "ngõ 12 đường Ngô Quyền", "thôn Đông", "thôn Đoài",
        "thôn Thượng", "tổ dân phố số 3", "xóm Mới", "khu phố 2",
    ]
}
