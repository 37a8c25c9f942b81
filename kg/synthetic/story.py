"""The article of one synthetic report, written sentence by sentence: its text, the numbers it states,
and where each quoted phrase stands (`ev`, the evidence items the facts of kg.synthetic.report cite)."""

from __future__ import annotations

import datetime as dt
import random
from types import SimpleNamespace

from kg.synthetic.article import Article, number_vi
from kg.synthetic.places import Province, deputy_minister
from kg.synthetic.wording import DIFFICULTIES, EXECUTIVE_BOARD, RECOMMENDATIONS


def write_story(province: Province, year: int, rng: random.Random) -> SimpleNamespace:
    """The article on `province` in December of `year`: `text`, `ev` (evidence items by name) and the numbers and choices it states."""
    n = province.name
    a = Article()
    ev = SimpleNamespace()
    person, person_name, hon_vi, hon_en = deputy_minister(rng)
    delegation = f"delegation-{province.slug}-{year}"
    title = f"Ứng dụng CNTT tại {n} năm {year}"
    published = dt.date(year + 1, 1, rng.randint(5, 28))

    ev.title = a.quote(title)
    a.say("\n")
    ev.date = a.quote(published.isoformat())
    a.say("\n")
    ev.report = a.quote(f"Theo báo cáo của Giám đốc Sở Thông tin và Truyền thông {n}")
    a.say(" ")
    ev.session = a.quote("tại buổi làm việc với đoàn công tác")
    a.say(" của ")
    ev.board = a.quote(EXECUTIVE_BOARD)
    a.say(" do ")
    ev.person = a.quote(f"{hon_vi} {person_name}")
    a.say(", ")
    ev.post = a.quote("Thứ trưởng Bộ Thông tin và Truyền thông")
    a.say(" ")
    ev.head = a.quote("làm trưởng đoàn")
    a.say(" ")
    ev.month = a.quote(f"(12/{year})")
    a.say(", ")
    ev.results = a.quote(f"ứng dụng CNTT trên địa bàn {province.unit} đã đạt nhiều kết quả")
    a.say(".\n\n")
    ev.mic = {"quote": "Bộ Thông tin và Truyền thông", "at": ev.post["at"] + len("Thứ trưởng ")}
    ev.dic = {"quote": f"Sở Thông tin và Truyền thông {n}", "at": ev.report["at"] + len("Theo báo cáo của Giám đốc ")}
    ev.director = {"quote": f"Giám đốc Sở Thông tin và Truyền thông {n}", "at": ev.report["at"] + len("Theo báo cáo của ")}
    ev.province = {"quote": province.unit, "at": ev.results["at"] + len("ứng dụng CNTT trên địa bàn ")}

    # -- infrastructure ------------------------------------------------------------------------
    province_pcs = rng.randint(600, 4000)
    district_pcs = rng.randint(300, 2500)
    total_pcs = province_pcs + district_pcs + (rng.choice((1, -1, 2)) if rng.random() < 0.15 else 0)
    network_points = rng.randint(15, 120)
    a.say("Cụ thể về hạ tầng CNTT trên địa bàn tỉnh đã có ")
    ev.pcs = a.quote(f"{number_vi(total_pcs)} máy tính để phục vụ công tác")
    a.say(", trong đó ")
    ev.pcs_p = a.quote(f"cấp tỉnh {province_pcs} máy tính")
    a.say(", ")
    ev.pcs_d = a.quote(f"cấp huyện {district_pcs} máy tính")
    a.say(". ")
    lan = rng.choice((100, 100, 100, 98, 95, 90))
    internet = rng.choice((100, 100, lan))
    ev.lan = a.quote(f"{lan}% các Sở, Ngành tỉnh và UBND được trang bị mạng LAN")
    a.say(", ")
    ev.internet = a.quote(f"{internet}% các Sở, Ngành tỉnh và UBND có kết nối Internet")
    a.say(", ")
    ev.network = a.quote("mạng truyền số liệu chuyên dùng của Chính phủ")
    a.say(" cũng đã được ")
    ev.points = a.quote(f"nối đến {network_points} điểm trên địa bàn tỉnh")
    a.say(".\n\n")
    ev.sectoral = {"quote": "các Sở, Ngành tỉnh", "at": ev.lan["at"] + len(f"{lan}% ")}
    ev.groups = {"quote": "các Sở, Ngành tỉnh và UBND", "at": ev.lan["at"] + len(f"{lan}% ")}
    ev.government = {"quote": "Chính phủ", "at": ev.network["at"] + len("mạng truyền số liệu chuyên dùng của ")}

    # -- applications ----------------------------------------------------------------------------
    services = rng.randint(900, 2200)
    online = rng.randint(20, min(400, services))
    dm_departments = rng.randint(3, 20)
    dm_districts = rng.randint(1, 12)
    meeting_districts = rng.randint(2, 15)
    phase = rng.choice((1, 1, 2))
    a.say("Việc ứng dụng CNTT cũng đạt nhiều kết quả, như ")
    ev.services = a.quote(f"tổng số dịch vụ công trên địa bàn tỉnh là {number_vi(services)} dịch vụ")
    a.say(" trong đó có ")
    ev.online = a.quote(f"{online} dịch vụ hành chính công được cấp trực tuyến")
    a.say(". ")
    ev.dm = a.quote(f"Hệ thống quản lý văn bản và hồ sơ công việc cũng đã được triển khai giai đoạn {phase}")
    a.say(" ")
    ev.dm_dep = a.quote(f"tại {dm_departments} sở, ngành tỉnh")
    a.say(" ")
    ev.dm_dis = a.quote(f"và {dm_districts} {province.districts_word}")
    a.say(". Việc triển khai họp trực tuyến trên địa bàn cũng đã được ")
    ev.meeting = a.quote(f"triển khai tại {meeting_districts} {province.districts_word} trên địa bàn tỉnh")
    a.say(". ")
    ev.oss = a.quote("Việc ứng dụng phần mềm mã nguồn mở đã được chú trọng.")
    a.say(" Ngoài ra ")
    ev.onestop = a.quote("tỉnh cũng xây dựng hệ thống một cửa điện tử tại ban quản lý khu kinh tế, sở kế hoạch đầu tư…")
    a.say("\n\n")
    ev.ezb = {"quote": "ban quản lý khu kinh tế", "at": ev.onestop["at"] + len("tỉnh cũng xây dựng hệ thống một cửa điện tử tại ")}
    ev.dpi = {"quote": "sở kế hoạch đầu tư", "at": ev.ezb["at"] + len("ban quản lý khu kinh tế, ")}

    # -- services to citizens -------------------------------------------------------------------
    level_3 = rng.randint(0, 12)
    level_1_2 = rng.randint(10, 40)
    portals = level_1_2 + level_3 + (1 if rng.random() < 0.1 else 0)
    a.say("Về ứng dụng CNTT phục vụ người dân, có ")
    ev.portals = a.quote(f"tổng số {portals} trang/cổng thông tin điện tử")
    a.say(" ")
    ev.portal_orgs = a.quote(f"của các Sở, Ngành của tỉnh và UBND các {province.districts_word}")
    a.say(", trong đó có ")
    ev.l12 = a.quote(f"{level_1_2} trang/cổng cung cấp dịch vụ công mức 1, 2")
    a.say(" và ")
    ev.l3 = a.quote(f"{level_3} trang/cổng cung cấp dịch vụ mức 3")
    a.say(". Ngoài ra ")
    ev.training = a.quote("công tác đào tạo nguồn nhân lực cũng được chú trọng với nhiều lớp được triển khai")
    a.say(", trong đó ")
    ev.lecturers = a.quote("giảng viên có trình độ Thạc sỹ, Tiến sỹ từ các trường Đại học")
    a.say(".\n\n")
    ev.district_pcs = {"quote": f"UBND các {province.districts_word}", "at": ev.portal_orgs["at"] + len("của các Sở, Ngành của tỉnh và ")}
    ev.universities = {"quote": "các trường Đại học", "at": ev.lecturers["at"] + len("giảng viên có trình độ Thạc sỹ, Tiến sỹ từ ")}

    # -- difficulties and recommendations -------------------------------------------------------------
    kinds = sorted(DIFFICULTIES, key=lambda _k: rng.random())[: rng.randint(2, 4)]
    a.say("Tuy nhiên, việc ứng dụng CNTT trên địa bàn tỉnh còn gặp nhiều khó khăn như ")
    ev.difficulties = {}
    for i, kind in enumerate(kinds):
        if i:
            a.say(", ")
        ev.difficulties[kind] = a.quote(DIFFICULTIES[kind][0])
    ev.ellipsis = a.quote("...")
    a.say(" Vì thế, tỉnh cũng ")
    ev.central = a.quote("đề xuất Trung ương")
    a.say(" ")
    answers = [r for r, spec in RECOMMENDATIONS.items() if spec[3] in kinds]
    ev.recommendations = {}
    for i, rec in enumerate(answers):
        if i:
            a.say(", ")
        ev.recommendations[rec] = a.quote(RECOMMENDATIONS[rec][0])
    a.say(" ")
    ev.country = a.quote("trên địa bàn toàn quốc")
    a.say(".\n\n")
    ev.source = a.quote("Theo mic.gov.vn")
    a.say("\n\nHỘI TRUYỀN THÔNG ")
    ev.ha_noi = a.quote("THÀNH PHỐ HÀ NỘI")
    a.say("\n")
    ev.hanica = {"quote": "HỘI TRUYỀN THÔNG THÀNH PHỐ HÀ NỘI", "at": ev.ha_noi["at"] - len("HỘI TRUYỀN THÔNG ")}
    ev.central_org = {"quote": "Trung ương", "at": ev.central["at"] + len("đề xuất ")}

    return SimpleNamespace(
        text=a.text,
        ev=ev,
        person=person,
        person_name=person_name,
        hon_vi=hon_vi,
        hon_en=hon_en,
        delegation=delegation,
        title=title,
        published=published,
        kinds=kinds,
        answers=answers,
        province_pcs=province_pcs,
        district_pcs=district_pcs,
        total_pcs=total_pcs,
        network_points=network_points,
        lan=lan,
        internet=internet,
        services=services,
        online=online,
        dm_departments=dm_departments,
        dm_districts=dm_districts,
        meeting_districts=meeting_districts,
        phase=phase,
        level_3=level_3,
        level_1_2=level_1_2,
        portals=portals,
    )
