"""One synthetic report: a Vietnamese article about a province's IT application in one year, and its facts.

The article is written sentence by sentence; every fact quotes words of it, recorded where they
stand, so the facts loader finds each quote at its position. The facts follow the layout of
data/reports/binh-phuoc-2012-ict/facts.yaml: the same sections, codes and ids, with shared
entities (places, national bodies, deputy ministers) described the same way in every report.
"""

from __future__ import annotations

import datetime as dt
import random

from kg.synthetic.article import Article, number_vi
from kg.synthetic.bodies import agency_groups, body_ids, province_bodies
from kg.synthetic.places import NATIONAL_ORGANISATIONS, VIETNAM, Province, deputy_minister
from kg.synthetic.wording import DIFFICULTIES, EXECUTIVE_BOARD, RECOMMENDATIONS


def make_report(province: Province, year: int, rng: random.Random) -> tuple[str, str, dict]:
    """(report id, article text, facts) of the report on `province` in December of `year`."""
    p, n = province.slug, province.name
    report_id = f"{p}-{year}-ict"
    period = f"{year}-12"
    a = Article()
    facts: dict = {"report": {}, "places": [], "organisations": [], "people": [], "posts": [], "groups": [],
                   "events": [], "documents": [], "systems": [], "initiatives": [], "figures": [], "checks": [],
                   "difficulties": [], "recommendations": [], "quality_notes": []}
    person, person_name, hon_vi, hon_en = deputy_minister(rng)
    delegation = f"delegation-{p}-{year}"
    title = f"Ứng dụng CNTT tại {n} năm {year}"
    published = dt.date(year + 1, 1, rng.randint(5, 28))

    ev_title = a.quote(title)
    a.say("\n")
    ev_date = a.quote(published.isoformat())
    a.say("\n")
    ev_report = a.quote(f"Theo báo cáo của Giám đốc Sở Thông tin và Truyền thông {n}")
    a.say(" ")
    ev_session = a.quote("tại buổi làm việc với đoàn công tác")
    a.say(" của ")
    ev_board = a.quote(EXECUTIVE_BOARD)
    a.say(" do ")
    ev_person = a.quote(f"{hon_vi} {person_name}")
    a.say(", ")
    ev_post = a.quote("Thứ trưởng Bộ Thông tin và Truyền thông")
    a.say(" ")
    ev_head = a.quote("làm trưởng đoàn")
    a.say(" ")
    ev_month = a.quote(f"(12/{year})")
    a.say(", ")
    ev_results = a.quote(f"ứng dụng CNTT trên địa bàn {province.unit} đã đạt nhiều kết quả")
    a.say(".\n\n")
    ev_mic = {"quote": "Bộ Thông tin và Truyền thông", "at": ev_post["at"] + len("Thứ trưởng ")}
    ev_dic = {"quote": f"Sở Thông tin và Truyền thông {n}", "at": ev_report["at"] + len("Theo báo cáo của Giám đốc ")}
    ev_director = {"quote": f"Giám đốc Sở Thông tin và Truyền thông {n}", "at": ev_report["at"] + len("Theo báo cáo của ")}
    ev_province = {"quote": province.unit, "at": ev_results["at"] + len("ứng dụng CNTT trên địa bàn ")}

    # -- infrastructure ------------------------------------------------------------------------
    province_pcs = rng.randint(600, 4000)
    district_pcs = rng.randint(300, 2500)
    total_pcs = province_pcs + district_pcs + (rng.choice((1, -1, 2)) if rng.random() < 0.15 else 0)
    network_points = rng.randint(15, 120)
    a.say("Cụ thể về hạ tầng CNTT trên địa bàn tỉnh đã có ")
    ev_pcs = a.quote(f"{number_vi(total_pcs)} máy tính để phục vụ công tác")
    a.say(", trong đó ")
    ev_pcs_p = a.quote(f"cấp tỉnh {province_pcs} máy tính")
    a.say(", ")
    ev_pcs_d = a.quote(f"cấp huyện {district_pcs} máy tính")
    a.say(". ")
    lan = rng.choice((100, 100, 100, 98, 95, 90))
    internet = rng.choice((100, 100, lan))
    ev_lan = a.quote(f"{lan}% các Sở, Ngành tỉnh và UBND được trang bị mạng LAN")
    a.say(", ")
    ev_internet = a.quote(f"{internet}% các Sở, Ngành tỉnh và UBND có kết nối Internet")
    a.say(", ")
    ev_network = a.quote("mạng truyền số liệu chuyên dùng của Chính phủ")
    a.say(" cũng đã được ")
    ev_points = a.quote(f"nối đến {network_points} điểm trên địa bàn tỉnh")
    a.say(".\n\n")
    ev_sectoral = {"quote": "các Sở, Ngành tỉnh", "at": ev_lan["at"] + len(f"{lan}% ")}
    ev_groups = {"quote": "các Sở, Ngành tỉnh và UBND", "at": ev_lan["at"] + len(f"{lan}% ")}
    ev_government = {"quote": "Chính phủ", "at": ev_network["at"] + len("mạng truyền số liệu chuyên dùng của ")}

    # -- applications ----------------------------------------------------------------------------
    services = rng.randint(900, 2200)
    online = rng.randint(20, min(400, services))
    dm_departments = rng.randint(3, 20)
    dm_districts = rng.randint(1, 12)
    meeting_districts = rng.randint(2, 15)
    phase = rng.choice((1, 1, 2))
    a.say("Việc ứng dụng CNTT cũng đạt nhiều kết quả, như ")
    ev_services = a.quote(f"tổng số dịch vụ công trên địa bàn tỉnh là {number_vi(services)} dịch vụ")
    a.say(" trong đó có ")
    ev_online = a.quote(f"{online} dịch vụ hành chính công được cấp trực tuyến")
    a.say(". ")
    ev_dm = a.quote(f"Hệ thống quản lý văn bản và hồ sơ công việc cũng đã được triển khai giai đoạn {phase}")
    a.say(" ")
    ev_dm_dep = a.quote(f"tại {dm_departments} sở, ngành tỉnh")
    a.say(" ")
    ev_dm_dis = a.quote(f"và {dm_districts} {province.districts_word}")
    a.say(". Việc triển khai họp trực tuyến trên địa bàn cũng đã được ")
    ev_meeting = a.quote(f"triển khai tại {meeting_districts} {province.districts_word} trên địa bàn tỉnh")
    a.say(". ")
    ev_oss = a.quote("Việc ứng dụng phần mềm mã nguồn mở đã được chú trọng.")
    a.say(" Ngoài ra ")
    ev_onestop = a.quote("tỉnh cũng xây dựng hệ thống một cửa điện tử tại ban quản lý khu kinh tế, sở kế hoạch đầu tư…")
    a.say("\n\n")
    ev_ezb = {"quote": "ban quản lý khu kinh tế", "at": ev_onestop["at"] + len("tỉnh cũng xây dựng hệ thống một cửa điện tử tại ")}
    ev_dpi = {"quote": "sở kế hoạch đầu tư", "at": ev_ezb["at"] + len("ban quản lý khu kinh tế, ")}

    # -- services to citizens -------------------------------------------------------------------
    level_3 = rng.randint(0, 12)
    level_1_2 = rng.randint(10, 40)
    portals = level_1_2 + level_3 + (1 if rng.random() < 0.1 else 0)
    a.say("Về ứng dụng CNTT phục vụ người dân, có ")
    ev_portals = a.quote(f"tổng số {portals} trang/cổng thông tin điện tử")
    a.say(" ")
    ev_portal_orgs = a.quote(f"của các Sở, Ngành của tỉnh và UBND các {province.districts_word}")
    a.say(", trong đó có ")
    ev_l12 = a.quote(f"{level_1_2} trang/cổng cung cấp dịch vụ công mức 1, 2")
    a.say(" và ")
    ev_l3 = a.quote(f"{level_3} trang/cổng cung cấp dịch vụ mức 3")
    a.say(". Ngoài ra ")
    ev_training = a.quote("công tác đào tạo nguồn nhân lực cũng được chú trọng với nhiều lớp được triển khai")
    a.say(", trong đó ")
    ev_lecturers = a.quote("giảng viên có trình độ Thạc sỹ, Tiến sỹ từ các trường Đại học")
    a.say(".\n\n")
    ev_district_pcs = {"quote": f"UBND các {province.districts_word}", "at": ev_portal_orgs["at"] + len("của các Sở, Ngành của tỉnh và ")}
    ev_universities = {"quote": "các trường Đại học", "at": ev_lecturers["at"] + len("giảng viên có trình độ Thạc sỹ, Tiến sỹ từ ")}

    # -- difficulties and recommendations -------------------------------------------------------------
    kinds = sorted(DIFFICULTIES, key=lambda _k: rng.random())[: rng.randint(2, 4)]
    a.say("Tuy nhiên, việc ứng dụng CNTT trên địa bàn tỉnh còn gặp nhiều khó khăn như ")
    ev_difficulties = {}
    for i, kind in enumerate(kinds):
        if i:
            a.say(", ")
        ev_difficulties[kind] = a.quote(DIFFICULTIES[kind][0])
    ev_ellipsis = a.quote("...")
    a.say(" Vì thế, tỉnh cũng ")
    ev_central = a.quote("đề xuất Trung ương")
    a.say(" ")
    answers = [r for r, spec in RECOMMENDATIONS.items() if spec[3] in kinds]
    ev_recommendations = {}
    for i, rec in enumerate(answers):
        if i:
            a.say(", ")
        ev_recommendations[rec] = a.quote(RECOMMENDATIONS[rec][0])
    a.say(" ")
    ev_country = a.quote("trên địa bàn toàn quốc")
    a.say(".\n\n")
    ev_source = a.quote("Theo mic.gov.vn")
    a.say("\n\nHỘI TRUYỀN THÔNG ")
    ev_ha_noi = a.quote("THÀNH PHỐ HÀ NỘI")
    a.say("\n")
    ev_hanica = {"quote": "HỘI TRUYỀN THÔNG THÀNH PHỐ HÀ NỘI", "at": ev_ha_noi["at"] - len("HỘI TRUYỀN THÔNG ")}
    ev_central_org = {"quote": "Trung ương", "at": ev_central["at"] + len("đề xuất ")}

    # -- the facts -------------------------------------------------------------------------------
    facts["report"] = {
        "id": report_id, "text": "article.txt",
        "title": {"vi": title, "en": f"IT application in {province.english if province.city else n} in {year}"},
        "published": published, "language": "vi", "publisher": "hanica",
        "original_source": {"label": "mic.gov.vn", "url": "https://mic.gov.vn/"},
        "area": p, "period": period,
        "evidence": [ev_title, ev_date, ev_month, ev_results, ev_source],
    }
    facts["places"] = [
        {"id": "vietnam", **VIETNAM, "evidence": [ev_country]},
        {"id": p, "kind": "province", "label": province.label, "part_of": "vietnam", "evidence": [ev_province]},
    ]
    if p != "ha-noi":
        facts["places"].append({"id": "ha-noi", "kind": "province", "label": {"vi": "Thành phố Hà Nội", "en": "Hanoi"},
                                "part_of": "vietnam", "evidence": [ev_ha_noi]})
    else:
        facts["places"][1]["evidence"].append(ev_ha_noi)
    national_evidence = {"mic": ev_mic, "government": ev_government, "central-authorities": ev_central_org,
                         "it-executive-board": ev_board, "universities": ev_universities, "hanica": ev_hanica}
    facts["organisations"] = [{"id": key, **spec, "evidence": [national_evidence[key]]}
                              for key, spec in NATIONAL_ORGANISATIONS.items()]
    ids = body_ids(p)
    dic, sectoral, district_pcs_id = ids.dic, ids.sectoral, ids.district_pcs
    facts["organisations"] += province_bodies(province, year, delegation, ids, {
        "groups": ev_groups, "dic": ev_dic, "session": ev_session, "sectoral": [ev_sectoral, ev_dm_dep],
        "district_pcs": ev_district_pcs, "dpi": ev_dpi, "ezb": ev_ezb})
    facts["people"] = [{"id": person, "name": person_name, "honorific": {"vi": hon_vi, "en": hon_en}, "evidence": [ev_person]}]
    facts["posts"] = [
        {"id": f"mic-deputy-minister-{person}", "label": {"vi": "Thứ trưởng Bộ Thông tin và Truyền thông",
                                                          "en": "Deputy Minister of Information and Communications"},
         "role": "deputy-minister", "in": "mic", "held_by": person, "evidence": [ev_post]},
        {"id": f"delegation-head-{p}-{year}", "label": {"vi": "Trưởng đoàn công tác", "en": "Head of the delegation"},
         "role": "head-of-delegation", "in": delegation, "held_by": person, "evidence": [ev_head]},
        {"id": f"{p}-dic-director", "label": {"vi": f"Giám đốc Sở Thông tin và Truyền thông {province.unit}",
                                              "en": f"Director of the {n} Department of Information and Communications"},
         "role": "director", "in": dic, "evidence": [ev_director]},
    ]
    credentials = ["masters", "doctorate"] if rng.random() < 0.7 else ["masters"]
    facts["groups"] = [{"id": "lecturers", "label": {"vi": "giảng viên có trình độ Thạc sỹ, Tiến sỹ từ các trường Đại học",
                                                     "en": "Lecturers with master's degrees and doctorates from universities"},
                        "credentials": credentials, "affiliation": "universities", "evidence": [ev_lecturers]}]
    session = f"working-session-{year}-12"
    facts["events"] = [{"id": session, "label": {"vi": f"Buổi làm việc giữa đoàn công tác của Ban điều hành và Sở Thông tin và Truyền thông {province.unit}",
                                                 "en": f"Working session of the Executive Board's delegation with the {n} Department of Information and Communications"},
                        "date": period, "participants": [delegation, dic], "evidence": [ev_session, ev_month]}]
    facts["documents"] = [{"id": "dic-director-report", "label": {"vi": f"Báo cáo của Giám đốc Sở Thông tin và Truyền thông {province.unit}",
                                                                  "en": f"Report of the Director of the {n} Department of Information and Communications"},
                           "kind": "report", "presented_by": f"{p}-dic-director", "presented_at": session, "about": p,
                           "evidence": [ev_report]}]
    facts["systems"] = [
        {"id": "document-management", "label": {"vi": "Hệ thống quản lý văn bản và hồ sơ công việc", "en": "Document and work-record management system"},
         "kind": "document-management", "sites": [sectoral, district_pcs_id], "phase": phase, "evidence": [ev_dm]},
        {"id": "online-meeting", "label": {"vi": "Hệ thống họp trực tuyến", "en": "Online meeting system"},
         "kind": "online-meeting", "sites": [district_pcs_id], "evidence": [ev_meeting]},
        {"id": "one-stop-shop", "label": {"vi": "Hệ thống một cửa điện tử", "en": "Electronic one-stop-shop system"},
         "kind": "one-stop-shop", "sites": [ids.ezb, ids.dpi], "sites_incomplete": True, "evidence": [ev_onestop]},
        {"id": "specialised-data-network", "label": {"vi": "Mạng truyền số liệu chuyên dùng của Chính phủ", "en": "Government specialised data transmission network"},
         "kind": "data-network", "operator": "government", "sites": [p], "evidence": [ev_network]},
    ]
    facts["initiatives"] = [
        {"id": "open-source-software", "label": {"vi": "Ứng dụng phần mềm mã nguồn mở", "en": "Use of open-source software"},
         "text": {"vi": ev_oss["quote"], "en": "Attention has been given to the use of open-source software."},
         "kind": "open-source-software", "by": p, "evidence": [ev_oss]},
        {"id": "human-resource-training", "label": {"vi": "Đào tạo nguồn nhân lực", "en": "Human-resource training"},
         "text": {"vi": ev_training["quote"], "en": "Human-resource training has been given attention, with many classes held."},
         "kind": "training", "by": p, "instructors": "lecturers", "evidence": [ev_training]},
    ]

    def figure(fid, indicator, value, unit, level, evidence, **extra):
        facts["figures"].append({"id": fid, "indicator": indicator, "value": value, "unit": unit, "level": level,
                                 "area": p, "period": period, **extra, "evidence": [evidence]})

    all_agencies, portal_agencies = ids.all_agencies, ids.portal_agencies
    facts["organisations"] += agency_groups(province, ids, ev_groups, ev_portal_orgs)
    figure("computers-total", "computers", total_pcs, "computer", "all", ev_pcs)
    figure("computers-province", "computers", province_pcs, "computer", "province", ev_pcs_p)
    figure("computers-district", "computers", district_pcs, "computer", "district", ev_pcs_d)
    figure("lan-coverage", "lan-coverage", lan, "percent", "all", ev_lan, population=all_agencies)
    figure("internet-coverage", "internet-coverage", internet, "percent", "all", ev_internet, population=all_agencies)
    figure("data-network-points", "data-network-points", network_points, "connection-point", "all", ev_points, system="specialised-data-network")
    figure("public-services", "public-services", services, "service", "all", ev_services)
    figure("online-public-services", "online-public-services", online, "service", "all", ev_online)
    figure("document-management-departments", "document-management-deployments", dm_departments, "agency", "province", ev_dm_dep,
           population=sectoral, system="document-management")
    figure("document-management-districts", "document-management-deployments", dm_districts, "agency", "district", ev_dm_dis,
           population=district_pcs_id, system="document-management")
    figure("online-meeting-districts", "online-meeting-deployments", meeting_districts, "agency", "district", ev_meeting,
           population=district_pcs_id, system="online-meeting")
    figure("web-portals", "web-portals", portals, "portal", "all", ev_portals, population=portal_agencies)
    figure("portals-level-1-2", "portals-level-1-2", level_1_2, "portal", "all", ev_l12, population=portal_agencies)
    figure("portals-level-3", "portals-level-3", level_3, "portal", "all", ev_l3, population=portal_agencies)
    facts["checks"] = [
        {"id": "computers-by-level", "total": "computers-total", "parts": ["computers-province", "computers-district"]},
        {"id": "portals-by-level", "total": "web-portals", "parts": ["portals-level-1-2", "portals-level-3"]},
        {"id": "online-within-public-services", "whole": "public-services", "part": "online-public-services"},
    ]
    facts["difficulties"] = [
        {"id": kind, "kind": kind, "label": {"vi": DIFFICULTIES[kind][1][0], "en": DIFFICULTIES[kind][1][1]},
         "text": {"vi": DIFFICULTIES[kind][0], "en": DIFFICULTIES[kind][2]}, "evidence": [ev_difficulties[kind]]}
        for kind in kinds
    ]
    facts["recommendations"] = [
        {"id": rec, "label": {"vi": RECOMMENDATIONS[rec][1][0], "en": RECOMMENDATIONS[rec][1][1]},
         "text": {"vi": RECOMMENDATIONS[rec][0], "en": RECOMMENDATIONS[rec][2]},
         "made_by": p, "addressed_to": "central-authorities", "responds_to": [RECOMMENDATIONS[rec][3]],
         "evidence": [ev_recommendations[rec]]}
        for rec in answers
    ]
    facts["quality_notes"] = [
        {"id": "difficulties-list-incomplete", "dimension": "completeness", "about": list(kinds),
         "text": {"vi": "Danh sách khó khăn trong bài kết thúc bằng “...”: bài không nêu hết các khó khăn.",
                  "en": "The article's list of difficulties ends with “...”: it does not name them all."},
         "evidence": [ev_ellipsis]},
        {"id": "portal-levels-1-2-combined", "dimension": "completeness", "about": ["portals-level-1-2"],
         "text": {"vi": "Bài gộp mức 1 và mức 2 (“mức 1, 2”): không có số trang/cổng riêng cho từng mức.",
                  "en": "The article counts levels 1 and 2 together (“mức 1, 2”): there is no separate number for each level."},
         "evidence": [ev_l12]},
    ]
    return report_id, a.text, facts
