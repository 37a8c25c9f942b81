"""The 63 provinces and centrally governed cities of Vietnam as they were in 2012, and the national bodies.

Labels follow the real report's pattern (`tỉnh Bình Phước` / `Bình Phước Province`), so that a
generated report of Bình Phước or Hà Nội describes the shared place exactly as the real one does.
No identifiers (Wikidata, GeoNames, ISO) are given: none may be invented.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

from kg.iris import slugify

#: the five centrally governed cities (thành phố trực thuộc trung ương), with their English names
CITIES = {"Hà Nội": "Hanoi", "Hồ Chí Minh": "Ho Chi Minh City", "Hải Phòng": "Hải Phòng City", "Đà Nẵng": "Đà Nẵng City", "Cần Thơ": "Cần Thơ City"}
#: the 58 provinces (tỉnh) of 2012, Hà Tây having been merged into Hà Nội in 2008
PROVINCES = (
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bạc Liêu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Dương",
    "Bình Định",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cao Bằng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Tĩnh",
    "Hải Dương",
    "Hậu Giang",
    "Hòa Bình",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Thừa Thiên Huế",
    "Tiền Giang",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Province:
    """A province-level unit: its name, the word for it (tỉnh / thành phố) and its labels."""

    name: str
    city: bool
    english: str

    @property
    def slug(self) -> str:
        return "ho-chi-minh" if self.name == "Hồ Chí Minh" else slugify(self.name)

    @property
    def unit(self) -> str:
        """How the article names it: `tỉnh Bình Phước`, `thành phố Đà Nẵng`."""
        return f"{'thành phố' if self.city else 'tỉnh'} {self.name}"

    @property
    def label(self) -> dict[str, str]:
        if self.city:
            return {"vi": f"Thành phố {self.name}", "en": self.english}
        return {"vi": f"tỉnh {self.name}", "en": f"{self.name} Province"}

    @property
    def districts_word(self) -> str:
        """The district-level units the article counts: `huyện, thị xã` or, in a city, `quận, huyện`."""
        return "quận, huyện" if self.city else "huyện, thị xã"


def all_provinces() -> list[Province]:
    """The 63 province-level units of 2012, in the order of their slugs."""
    units = [Province(nfc(name), True, nfc(english)) for name, english in CITIES.items()]
    units += [Province(nfc(name), False, nfc(f"{name} Province")) for name in PROVINCES]
    return sorted(units, key=lambda p: p.slug)


#: national bodies, described exactly as the real report describes them (ids, kinds, labels)
NATIONAL_ORGANISATIONS = {
    "mic": {
        "kind": "ministry",
        "label": {"vi": "Bộ Thông tin và Truyền thông", "en": "Ministry of Information and Communications"},
        "alt_label": {"vi": "Bộ TT&TT", "en": "MIC"},
        "jurisdiction": "vietnam",
    },
    "government": {"kind": "government", "label": {"vi": "Chính phủ", "en": "Government of Vietnam"}, "jurisdiction": "vietnam"},
    "central-authorities": {"kind": "central-authorities", "label": {"vi": "Trung ương", "en": "Central authorities"}, "jurisdiction": "vietnam"},
    "it-executive-board": {
        "kind": "board",
        "label": {
            "vi": "Ban điều hành triển khai ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước",
            "en": "Executive Board for the Application of Information Technology in the Operations of State Agencies",
        },
        "alt_label": {
            "vi": "Ban điều hành triển khai ứng dụng CNTT trong hoạt động của cơ quan nhà nước",
            "en": "Executive Board for IT Application in State Agencies",
        },
    },
    "universities": {"kind": "universities", "label": {"vi": "các trường Đại học", "en": "Universities"}},
    "hanica": {
        "kind": "association",
        "label": {"vi": "Hội Truyền thông Thành phố Hà Nội", "en": "Hanoi Communications Association"},
        "located_in": "ha-noi",
    },
}
VIETNAM = {"kind": "country", "label": {"vi": "Việt Nam", "en": "Vietnam"}}

#: deputy ministers of the pool that leads the delegations (invented names, the same in every report)
DEPUTY_MINISTERS = (
    ("Trần Văn Minh", "ông", "Mr"),
    ("Lê Thị Hương", "bà", "Ms"),
    ("Phạm Quốc Hùng", "ông", "Mr"),
    ("Võ Thanh Tùng", "ông", "Mr"),
    ("Đặng Thu Hà", "bà", "Ms"),
    ("Hoàng Đức Thắng", "ông", "Mr"),
)


def deputy_minister(rng: random.Random) -> tuple[str, str, str, str]:
    """(person id, name, honorific vi, honorific en) of one of the pool."""
    name, vi, en = rng.choice(DEPUTY_MINISTERS)
    return slugify(name), name, vi, en
