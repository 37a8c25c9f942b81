"""The findings of one synthetic report: its figures with their checks, difficulties, recommendations
and quality notes, each citing the words of the article (kg.synthetic.story) it comes from."""

from __future__ import annotations

from types import SimpleNamespace

from kg.synthetic.bodies import BodyIds
from kg.synthetic.places import Province
from kg.synthetic.wording import DIFFICULTIES, RECOMMENDATIONS


def findings(province: Province, period: str, s: SimpleNamespace, ids: BodyIds) -> dict:
    """The sections figures, checks, difficulties, recommendations and quality_notes of the facts of story `s`."""
    ev = s.ev
    sectoral, district_pcs_id = ids.sectoral, ids.district_pcs
    figures: list[dict] = []

    def figure(fid, indicator, value, unit, level, evidence, **extra):
        figures.append(
            {
                "id": fid,
                "indicator": indicator,
                "value": value,
                "unit": unit,
                "level": level,
                "area": province.slug,
                "period": period,
                **extra,
                "evidence": [evidence],
            }
        )

    all_agencies, portal_agencies = ids.all_agencies, ids.portal_agencies
    figure("computers-total", "computers", s.total_pcs, "computer", "all", ev.pcs)
    figure("computers-province", "computers", s.province_pcs, "computer", "province", ev.pcs_p)
    figure("computers-district", "computers", s.district_pcs, "computer", "district", ev.pcs_d)
    figure("lan-coverage", "lan-coverage", s.lan, "percent", "all", ev.lan, population=all_agencies)
    figure("internet-coverage", "internet-coverage", s.internet, "percent", "all", ev.internet, population=all_agencies)
    figure("data-network-points", "data-network-points", s.network_points, "connection-point", "all", ev.points, system="specialised-data-network")
    figure("public-services", "public-services", s.services, "service", "all", ev.services)
    figure("online-public-services", "online-public-services", s.online, "service", "all", ev.online)
    figure(
        "document-management-departments",
        "document-management-deployments",
        s.dm_departments,
        "agency",
        "province",
        ev.dm_dep,
        population=sectoral,
        system="document-management",
    )
    figure(
        "document-management-districts",
        "document-management-deployments",
        s.dm_districts,
        "agency",
        "district",
        ev.dm_dis,
        population=district_pcs_id,
        system="document-management",
    )
    figure(
        "online-meeting-districts",
        "online-meeting-deployments",
        s.meeting_districts,
        "agency",
        "district",
        ev.meeting,
        population=district_pcs_id,
        system="online-meeting",
    )
    figure("web-portals", "web-portals", s.portals, "portal", "all", ev.portals, population=portal_agencies)
    figure("portals-level-1-2", "portals-level-1-2", s.level_1_2, "portal", "all", ev.l12, population=portal_agencies)
    figure("portals-level-3", "portals-level-3", s.level_3, "portal", "all", ev.l3, population=portal_agencies)
    checks = [
        {"id": "computers-by-level", "total": "computers-total", "parts": ["computers-province", "computers-district"]},
        {"id": "portals-by-level", "total": "web-portals", "parts": ["portals-level-1-2", "portals-level-3"]},
        {"id": "online-within-public-services", "whole": "public-services", "part": "online-public-services"},
    ]
    difficulties = [
        {
            "id": kind,
            "kind": kind,
            "label": {"vi": DIFFICULTIES[kind][1][0], "en": DIFFICULTIES[kind][1][1]},
            "text": {"vi": DIFFICULTIES[kind][0], "en": DIFFICULTIES[kind][2]},
            "evidence": [ev.difficulties[kind]],
        }
        for kind in s.kinds
    ]
    recommendations = [
        {
            "id": rec,
            "label": {"vi": RECOMMENDATIONS[rec][1][0], "en": RECOMMENDATIONS[rec][1][1]},
            "text": {"vi": RECOMMENDATIONS[rec][0], "en": RECOMMENDATIONS[rec][2]},
            "made_by": province.slug,
            "addressed_to": "central-authorities",
            "responds_to": [RECOMMENDATIONS[rec][3]],
            "evidence": [ev.recommendations[rec]],
        }
        for rec in s.answers
    ]
    quality_notes = [
        {
            "id": "difficulties-list-incomplete",
            "dimension": "completeness",
            "about": list(s.kinds),
            "text": {
                "vi": "Danh sách khó khăn trong bài kết thúc bằng “...”: bài không nêu hết các khó khăn.",
                "en": "The article's list of difficulties ends with “...”: it does not name them all.",
            },
            "evidence": [ev.ellipsis],
        },
        {
            "id": "portal-levels-1-2-combined",
            "dimension": "completeness",
            "about": ["portals-level-1-2"],
            "text": {
                "vi": "Bài gộp mức 1 và mức 2 (“mức 1, 2”): không có số trang/cổng riêng cho từng mức.",
                "en": "The article counts levels 1 and 2 together (“mức 1, 2”): there is no separate number for each level.",
            },
            "evidence": [ev.l12],
        },
    ]
    return {"figures": figures, "checks": checks, "difficulties": difficulties, "recommendations": recommendations, "quality_notes": quality_notes}
