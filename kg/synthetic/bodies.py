"""The province's own bodies a synthetic report names: its People's Committee, departments, board,
agency groups and the delegation that visits it, with their labels in both languages."""

from __future__ import annotations

from dataclasses import dataclass

from kg.synthetic.places import Province


@dataclass(frozen=True)
class BodyIds:
    """The fact ids of a province's bodies."""

    peoples_committee: str
    dic: str
    sectoral: str
    district_pcs: str
    dpi: str
    ezb: str
    all_agencies: str
    portal_agencies: str


def body_ids(slug: str) -> BodyIds:
    """The ids of the bodies of the province with this slug."""
    return BodyIds(
        f"{slug}-peoples-committee",
        f"{slug}-dic",
        f"{slug}-sectoral-agencies",
        f"{slug}-district-peoples-committees",
        f"{slug}-dpi",
        f"{slug}-economic-zone-board",
        f"{slug}-agencies-and-peoples-committees",
        f"{slug}-agencies-and-district-peoples-committees",
    )


def province_bodies(province: Province, year: int, delegation: str, ids: BodyIds, evidence: dict) -> list[dict]:
    """The organisation facts of the province's bodies and the delegation; `evidence` by body (see the keys below)."""
    p, n = province.slug, province.name
    return [
        {
            "id": ids.peoples_committee,
            "kind": "peoples-committee",
            "label": {
                "vi": f"Ủy ban nhân dân {province.unit}",
                "en": f"{province.english} People's Committee" if province.city else f"{n} Provincial People's Committee",
            },
            "jurisdiction": p,
            "evidence": [evidence["groups"]],
        },
        {
            "id": ids.dic,
            "kind": "department",
            "label": {"vi": f"Sở Thông tin và Truyền thông {province.unit}", "en": f"{n} Department of Information and Communications"},
            "alt_label": {"vi": f"Sở Thông tin và Truyền thông {n}", "en": f"{n} DIC"},
            "part_of": ids.peoples_committee,
            "linked_to": ["mic"],
            "jurisdiction": p,
            "evidence": [evidence["dic"]],
        },
        {
            "id": delegation,
            "kind": "delegation",
            "label": {
                "vi": f"Đoàn công tác của Ban điều hành làm việc tại {province.unit} tháng 12/{year}",
                "en": f"Delegation of the Executive Board to {n}, December {year}",
            },
            "part_of": "it-executive-board",
            "evidence": [evidence["session"]],
        },
        {
            "id": ids.sectoral,
            "kind": "agency-group",
            "label": {"vi": f"các Sở, Ngành {province.unit}", "en": f"Departments and sectoral agencies of {n}"},
            "jurisdiction": p,
            "evidence": list(evidence["sectoral"]),
        },
        {
            "id": ids.district_pcs,
            "kind": "agency-group",
            "label": {
                "vi": f"Ủy ban nhân dân các {province.districts_word} của {province.unit}",
                "en": f"People's Committees of the districts of {n}",
            },
            "jurisdiction": p,
            "evidence": [evidence["district_pcs"]],
        },
        {
            "id": ids.dpi,
            "kind": "department",
            "label": {"vi": f"Sở Kế hoạch và Đầu tư {province.unit}", "en": f"{n} Department of Planning and Investment"},
            "alt_label": {"vi": "sở kế hoạch đầu tư", "en": "Department of Planning and Investment"},
            "part_of": ids.peoples_committee,
            "jurisdiction": p,
            "evidence": [evidence["dpi"]],
        },
        {
            "id": ids.ezb,
            "kind": "board",
            "label": {"vi": f"Ban Quản lý Khu kinh tế {province.unit}", "en": f"{n} Economic Zone Management Board"},
            "part_of": ids.peoples_committee,
            "jurisdiction": p,
            "evidence": [evidence["ezb"]],
        },
    ]


def agency_groups(province: Province, ids: BodyIds, ev_groups: dict, ev_portal_orgs: dict) -> list[dict]:
    """The two groups the coverage and portal figures count over."""
    p, n = province.slug, province.name
    return [
        {
            "id": ids.all_agencies,
            "kind": "agency-group",
            "label": {
                "vi": f"các Sở, Ngành và Ủy ban nhân dân của {province.unit}",
                "en": f"Departments, sectoral agencies and People's Committees of {n}",
            },
            "jurisdiction": p,
            "evidence": [ev_groups],
        },
        {
            "id": ids.portal_agencies,
            "kind": "agency-group",
            "label": {
                "vi": f"các Sở, Ngành và Ủy ban nhân dân các {province.districts_word} của {province.unit}",
                "en": f"Departments, sectoral agencies and district People's Committees of {n}",
            },
            "jurisdiction": p,
            "evidence": [ev_portal_orgs],
        },
    ]
