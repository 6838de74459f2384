#!/usr/bin/env python3
"""Writes N dossier sync records (profile dvcqg, CONTRACT.md 1.6) as JSON Lines, and a catalog.

    make_dvcqg.py N OUT_DIR [SEED]

Deterministic for a seed. Each record carries made-up personal data (ChuHoSo, SoDienThoai,
Email, SoDinhDanh, DiaChiThuongTru, TrichYeuHoSo) that motcua must skip, a fee list on half of
them and a supplement list on a tenth, codes as numbers or strings: about 1 KB a record, the
size of real sync bodies. Used by Benchmarks/dvcqg-json.sh.
"""
import json
import os
import random
import sys

n = int(sys.argv[1])
out = sys.argv[2]
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 20251231)
os.makedirs(out, exist_ok=True)
procedures = ["1.%06d" % k for k in range(300)]
agencies = ["000.%02d.%02d.H12" % (a // 10, a % 10 + 10) for a in range(40)]
family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"]
given = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Minh", "Ngọc", "Phúc", "Quân"]
with open(os.path.join(out, "catalog.csv"), "w", encoding="utf-8") as f:
    f.write("procedure_code,procedure_name,field,admin_level,online_level,published_on,abolished_on,has_fee\n")
    for k, p in enumerate(procedures):
        f.write("%s,Thủ tục %d,Lĩnh vực %d,province,%d,2015-01-01,,%s\n" % (p, k, k % 12, 2 + k % 3, "true" if k % 2 else "false"))
with open(os.path.join(out, "sync.jsonl"), "w", encoding="utf-8") as f:
    for k in range(n):
        agency = rng.choice(agencies)
        y, m, d = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
        hh, mm = rng.randint(7, 16), rng.randint(0, 59)
        status = rng.choice([10, 10, 10, 9, 4, 5, 2, 8, 7, 1, 3])
        code = lambda v: v if rng.random() < 0.5 else str(v)
        rec = {
            "MaHoSo": "%s-%02d%02d%02d-%06d" % (agency, y % 100, m, d, k),
            "MaTTHC": rng.choice(procedures),
            "TenTTHC": "Cấp giấy chứng nhận quyền sử dụng đất lần đầu",
            "MaDonViXuLy": agency,
            "DonViXuLy": "UBND huyện Phú Phong",
            "ChuHoSo": "%s %s %s" % (rng.choice(family), rng.choice(given), rng.choice(given)),
            "SoDienThoai": "09%08d" % rng.randint(0, 99999999),
            "Email": "nguoidan%d@example.vn" % k,
            "SoDinhDanh": "%012d" % rng.randint(0, 10**12 - 1),
            "DiaChiThuongTru": "Số %d đường Lê Lợi, phường %d, thành phố Quy Nhơn" % (rng.randint(1, 300), rng.randint(1, 20)),
            "TrichYeuHoSo": "Đề nghị cấp giấy chứng nhận cho thửa đất số %d tờ bản đồ số %d" % (rng.randint(1, 900), rng.randint(1, 60)),
            "KenhThucHien": code(rng.choice([1, 2, 2, 3])),
            "TrangThaiHoSo": code(status),
            "NgayTiepNhan": "%04d%02d%02d%02d%02d00" % (y, m, d, hh, mm) if status not in (1, 3) else "",
            "NgayHenTra": "%02d/%02d/%04d 17:00:00" % (min(28, d + 10), m, y),
            "DuocThanhToanTrucTuyen": code(rng.choice([0, 1, 2])),
        }
        if status in (9, 10):
            rec["NgayKetThucXuLy"] = "%04d%02d%02d160000" % (y, m, min(28, d + rng.randint(0, 12)))
        elif status == 8:
            rec["NgayTuChoi"] = "%04d%02d%02d160000" % (y, m, min(28, d + 1))
        elif status == 7:
            rec["NgayTra"] = "%04d%02d%02d160000" % (y, m, min(28, d + 1))
        if k % 2 == 0:
            rec["DanhSachLePhi"] = [{"TenPhiLePhi": "Lệ phí", "MaPhiLePhi": "LP01", "Gia": rng.choice([0, 15000, 50000])}]
        if k % 10 == 0:
            rec["DanhSachHoSoBoSung"] = [{"NoiDungBoSung": "Bổ sung bản sao", "NgayHenTraMoi": "%02d/%02d/%04d 17:00:00" % (28, m, y)}]
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
