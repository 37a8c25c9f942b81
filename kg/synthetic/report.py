"""One synthetic report: a Vietnamese article about a province's IT application in one year, and its facts.

The article is written sentence by sentence; every fact quotes words of it, recorded where they
stand, so the facts loader finds each quote at its position. The facts follow the layout of
data/reports/binh-phuoc-2012-ict/facts.yaml: the same sections, codes and ids, with shared
entities (places, national bodies, deputy ministers) described the same way in every report.
"""

from __future__ import annotations

import random

from kg.synthetic.bodies import agency_groups, body_ids, province_bodies
from kg.synthetic.findings import findings
from kg.synthetic.places import NATIONAL_ORGANISATIONS, VIETNAM, Province
from kg.synthetic.story import write_story


def make_report(province: Province, year: int, rng: random.Random) -> tuple[str, str, dict]:
    """(report id, article text, facts) of the report on `province` in December of `year`."""
    p, n = province.slug, province.name
    report_id = f"{p}-{year}-ict"
    period = f"{year}-12"
    facts: dict = {
        "report": {},
        "places": [],
        "organisations": [],
        "people": [],
        "posts": [],
        "groups": [],
        "events": [],
        "documents": [],
        "systems": [],
        "initiatives": [],
        "figures": [],
        "checks": [],
        "difficulties": [],
        "recommendations": [],
        "quality_notes": [],
    }
    s = write_story(province, year, rng)
    ev = s.ev
    facts["report"] = {
        "id": report_id,
        "text": "article.txt",
        "title": {"vi": s.title, "en": f"IT application in {province.english if province.city else n} in {year}"},
        "published": s.published,
        "language": "vi",
        "publisher": "hanica",
        "original_source": {"label": "mic.gov.vn", "url": "https://mic.gov.vn/"},
        "area": p,
        "period": period,
        "evidence": [ev.title, ev.date, ev.month, ev.results, ev.source],
    }
    facts["places"] = [
        {"id": "vietnam", **VIETNAM, "evidence": [ev.country]},
        {"id": p, "kind": "province", "label": province.label, "part_of": "vietnam", "evidence": [ev.province]},
    ]
    if p != "ha-noi":
        facts["places"].append(
            {"id": "ha-noi", "kind": "province", "label": {"vi": "Thành phố Hà Nội", "en": "Hanoi"}, "part_of": "vietnam", "evidence": [ev.ha_noi]}
        )
    else:
        facts["places"][1]["evidence"].append(ev.ha_noi)
    national_evidence = {
        "mic": ev.mic,
        "government": ev.government,
        "central-authorities": ev.central_org,
        "it-executive-board": ev.board,
        "universities": ev.universities,
        "hanica": ev.hanica,
    }
    facts["organisations"] = [{"id": key, **spec, "evidence": [national_evidence[key]]} for key, spec in NATIONAL_ORGANISATIONS.items()]
    ids = body_ids(p)
    dic, sectoral, district_pcs_id = ids.dic, ids.sectoral, ids.district_pcs
    facts["organisations"] += province_bodies(
        province,
        year,
        s.delegation,
        ids,
        {
            "groups": ev.groups,
            "dic": ev.dic,
            "session": ev.session,
            "sectoral": [ev.sectoral, ev.dm_dep],
            "district_pcs": ev.district_pcs,
            "dpi": ev.dpi,
            "ezb": ev.ezb,
        },
    )
    facts["people"] = [{"id": s.person, "name": s.person_name, "honorific": {"vi": s.hon_vi, "en": s.hon_en}, "evidence": [ev.person]}]
    facts["posts"] = [
        {
            "id": f"mic-deputy-minister-{s.person}",
            "label": {"vi": "Thứ trưởng Bộ Thông tin và Truyền thông", "en": "Deputy Minister of Information and Communications"},
            "role": "deputy-minister",
            "in": "mic",
            "held_by": s.person,
            "evidence": [ev.post],
        },
        {
            "id": f"delegation-head-{p}-{year}",
            "label": {"vi": "Trưởng đoàn công tác", "en": "Head of the delegation"},
            "role": "head-of-delegation",
            "in": s.delegation,
            "held_by": s.person,
            "evidence": [ev.head],
        },
        {
            "id": f"{p}-dic-director",
            "label": {
                "vi": f"Giám đốc Sở Thông tin và Truyền thông {province.unit}",
                "en": f"Director of the {n} Department of Information and Communications",
            },
            "role": "director",
            "in": dic,
            "evidence": [ev.director],
        },
    ]
    credentials = ["masters", "doctorate"] if rng.random() < 0.7 else ["masters"]
    facts["groups"] = [
        {
            "id": "lecturers",
            "label": {
                "vi": "giảng viên có trình độ Thạc sỹ, Tiến sỹ từ các trường Đại học",
                "en": "Lecturers with master's degrees and doctorates from universities",
            },
            "credentials": credentials,
            "affiliation": "universities",
            "evidence": [ev.lecturers],
        }
    ]
    session = f"working-session-{year}-12"
    facts["events"] = [
        {
            "id": session,
            "label": {
                "vi": f"Buổi làm việc giữa đoàn công tác của Ban điều hành và Sở Thông tin và Truyền thông {province.unit}",
                "en": f"Working session of the Executive Board's delegation with the {n} Department of Information and Communications",
            },
            "date": period,
            "participants": [s.delegation, dic],
            "evidence": [ev.session, ev.month],
        }
    ]
    facts["documents"] = [
        {
            "id": "dic-director-report",
            "label": {
                "vi": f"Báo cáo của Giám đốc Sở Thông tin và Truyền thông {province.unit}",
                "en": f"Report of the Director of the {n} Department of Information and Communications",
            },
            "kind": "report",
            "presented_by": f"{p}-dic-director",
            "presented_at": session,
            "about": p,
            "evidence": [ev.report],
        }
    ]
    facts["systems"] = [
        {
            "id": "document-management",
            "label": {"vi": "Hệ thống quản lý văn bản và hồ sơ công việc", "en": "Document and work-record management system"},
            "kind": "document-management",
            "sites": [sectoral, district_pcs_id],
            "phase": s.phase,
            "evidence": [ev.dm],
        },
        {
            "id": "online-meeting",
            "label": {"vi": "Hệ thống họp trực tuyến", "en": "Online meeting system"},
            "kind": "online-meeting",
            "sites": [district_pcs_id],
            "evidence": [ev.meeting],
        },
        {
            "id": "one-stop-shop",
            "label": {"vi": "Hệ thống một cửa điện tử", "en": "Electronic one-stop-shop system"},
            "kind": "one-stop-shop",
            "sites": [ids.ezb, ids.dpi],
            "sites_incomplete": True,
            "evidence": [ev.onestop],
        },
        {
            "id": "specialised-data-network",
            "label": {"vi": "Mạng truyền số liệu chuyên dùng của Chính phủ", "en": "Government specialised data transmission network"},
            "kind": "data-network",
            "operator": "government",
            "sites": [p],
            "evidence": [ev.network],
        },
    ]
    facts["initiatives"] = [
        {
            "id": "open-source-software",
            "label": {"vi": "Ứng dụng phần mềm mã nguồn mở", "en": "Use of open-source software"},
            "text": {"vi": ev.oss["quote"], "en": "Attention has been given to the use of open-source software."},
            "kind": "open-source-software",
            "by": p,
            "evidence": [ev.oss],
        },
        {
            "id": "human-resource-training",
            "label": {"vi": "Đào tạo nguồn nhân lực", "en": "Human-resource training"},
            "text": {"vi": ev.training["quote"], "en": "Human-resource training has been given attention, with many classes held."},
            "kind": "training",
            "by": p,
            "instructors": "lecturers",
            "evidence": [ev.training],
        },
    ]

    facts["organisations"] += agency_groups(province, ids, ev.groups, ev.portal_orgs)
    facts.update(findings(province, period, s, ids))
    return report_id, s.text, facts
