"""The dataset.yaml of a generated data folder: the project's team publishes it, and it says that it is synthetic.

Every data folder describes its dataset (kg.publication.dataset); a generated one gets a description
that fits its reports: the same publisher, licence, rights and themes as data/dataset.yaml, a title
and description that say the reports are invented, and a temporal coverage of the years generated.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

#: The project's team publishes generated data too (data/dataset.yaml); the address is the project's placeholder.
PUBLISHER = {
    "id": "kg",
    "name": {"vi": "Dự án kg (nhóm dữ liệu mở)", "en": "kg project (open-data team)"},
    "contact": {"name": {"vi": "Những người duy trì dự án kg", "en": "The maintainers of the kg project"}, "email": "kg-maintainers@example.org"},
}
EU_THEMES = "http://publications.europa.eu/resource/authority/data-theme"
ISSUED = dt.date(2026, 12, 4)  # a fixed date, not today's: the same seed gives the same files


def dataset_yaml(years: list[int], seed: int) -> dict:
    """The description of a generated data folder whose reports cover `years` (each report's period is December)."""
    first, last = min(years), max(years)
    return {
        "title": {
            "vi": f"Báo cáo tổng hợp (kg generate, seed {seed}): dữ liệu liên kết",
            "en": f"Synthetic reports (kg generate, seed {seed}): linked data",
        },
        "description": {
            "vi": "Các báo cáo tổng hợp về ứng dụng CNTT của các tỉnh: thực tế về hình thức, bịa đặt về nội dung; để đo hiệu năng.",
            "en": "Synthetic provincial reports on IT application: realistic in form, invented in content; for benchmarks.",
        },
        "publisher": PUBLISHER,
        "licence": {"iri": "https://creativecommons.org/licenses/by/4.0/", "label": "CC BY 4.0"},
        "rights": {
            "label": {"vi": "CC BY 4.0 cho dữ liệu tổng hợp", "en": "CC BY 4.0 for the synthetic data"},
            "comment": {
                "vi": "Cả dữ kiện lẫn văn bản đều do kg generate viết ra; không có văn bản nào của người khác.",
                "en": "Both the facts and the texts were written by kg generate; no text is anyone else's.",
            },
            "sources": {
                "vi": "Các văn bản nguồn là văn bản tổng hợp do kg generate viết ra.",
                "en": "The source texts are synthetic, written by kg generate.",
            },
        },
        "themes": [
            {"iri": f"{EU_THEMES}/GOVE", "scheme": EU_THEMES, "label": {"vi": "Chính phủ và khu vực công", "en": "Government and public sector"}}
        ],
        "keywords": {"vi": ["dữ liệu tổng hợp", "công nghệ thông tin"], "en": ["synthetic data", "information technology"]},
        "spatial": ["vietnam"],
        "temporal": {"start": f"{first}-12-01", "end": f"{last}-12-31"},
        "issued": ISSUED.isoformat(),
        "modified": ISSUED.isoformat(),
    }


def write_dataset_yaml(out: Path, years: list[int], seed: int) -> Path:
    """Write `out/dataset.yaml` for reports covering `years`."""
    path = Path(out) / "dataset.yaml"
    header = f"# Synthetic data (kg generate, seed {seed}): the dataset's description (README, 'The publication').\n"
    body = yaml.safe_dump(dataset_yaml(years, seed), allow_unicode=True, sort_keys=False, width=4096)
    path.write_text(header + body, encoding="utf-8")
    return path
