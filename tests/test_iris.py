"""IRIs: readable ASCII slugs from Vietnamese, one layout, and the IRI <-> path mapping."""

import pytest

from kg.iris import Minter, fold, slugify

BASE = "http://127.0.0.1:8080/"


@pytest.mark.parametrize(
    "text, slug",
    [
        ("Bình Phước", "binh-phuoc"),
        ("Chơn Thành", "chon-thanh"),
        ("Đồng Xoài", "dong-xoai"),
        ("Nguyễn Minh Hồng", "nguyen-minh-hong"),
        ("Sở Kế hoạch và Đầu tư", "so-ke-hoach-va-dau-tu"),
        ("  UBND / Huyện  ", "ubnd-huyen"),
    ],
)
def test_slugify_folds_vietnamese_to_readable_ascii(text, slug):
    assert slugify(text) == slug


def test_slugify_refuses_text_without_letters_or_digits():
    with pytest.raises(ValueError):
        slugify("…")


@pytest.mark.parametrize("text", ["binh phuoc", "BÌNH PHƯỚC", "Bình Phước", "bình phuoc"])
def test_fold_makes_every_spelling_of_a_name_equal(text):
    assert fold(text) == "binh phuoc"


def test_things_concepts_terms_and_graphs_follow_the_layout():
    minter = Minter(BASE)
    assert str(minter.thing("place", "binh-phuoc")) == BASE + "id/place/binh-phuoc"
    assert str(minter.scoped("observation", "binh-phuoc-2012-ict", "computers-total")) == (
        BASE + "id/observation/binh-phuoc-2012-ict/computers-total"
    )
    assert str(minter.concept("indicator", "computers")) == BASE + "def/indicator/computers"
    assert str(minter.scheme("indicator")) == BASE + "def/indicator"
    assert str(minter.term("Difficulty")) == BASE + "def/kg/Difficulty"
    assert str(minter.graph("binh-phuoc-2012-ict")) == BASE + "graph/binh-phuoc-2012-ict"


def test_a_minted_iri_maps_to_its_server_path_and_back():
    minter = Minter("https://data.example.vn/kg/")
    iri = minter.thing("place", "binh-phuoc")
    assert minter.path_of(iri) == "/id/place/binh-phuoc"
    assert str(minter.iri_of("/id/place/binh-phuoc")) == str(iri)


def test_a_foreign_iri_has_no_server_path():
    assert Minter(BASE).path_of("http://www.wikidata.org/entity/Q36672") is None


@pytest.mark.parametrize("slug", ["Binh-Phuoc", "binh phuoc", "binh--phuoc", "-binh", "bình"])
def test_minting_refuses_a_slug_that_is_not_lower_case_ascii_words(slug):
    with pytest.raises(ValueError):
        Minter(BASE).thing("place", slug)


def test_a_base_without_trailing_slash_is_refused():
    with pytest.raises(ValueError):
        Minter("http://127.0.0.1:8080")
