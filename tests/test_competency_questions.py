"""The competency questions (queries/*.rq): well-formed, and answering what the article says.

Each query runs over the real build, as the SPARQL endpoint runs it: relative IRIs resolved against
the publication's base, the default graph being the union of the named graphs. The expected answers
are the article's own figures and names, not whatever the data happens to hold.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pyoxigraph
import pytest
from rdflib.plugins.sparql.parser import parseQuery

from kg.build.queries import load_question, load_questions
from kg.publication.layout import read_manifest

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"
ARTICLE = Path(__file__).resolve().parent.parent / "data" / "reports" / "binh-phuoc-2012-ict" / "article.txt"
QUESTIONS = {q.id: q for q in load_questions(QUERIES_DIR)}

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {XSD + name for name in ("integer", "decimal", "double", "float", "nonNegativeInteger", "positiveInteger", "long", "int")}
FOAF_NAME = "http://xmlns.com/foaf/0.1/name"
ORG = "http://www.w3.org/ns/org#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


# -- helpers ----------------------------------------------------------------------------------
def python_value(term):
    """A result term as a plain Python value: IRIs as str, numbers as Decimal, booleans as bool."""
    if term is None:
        return None
    if isinstance(term, pyoxigraph.Literal):
        datatype = term.datatype.value if term.datatype is not None else None
        if datatype in NUMERIC:
            return Decimal(term.value)
        if datatype == XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    return term.value


@pytest.fixture(scope="session")
def base(built) -> str:
    """The base IRI the publication was built under (its manifest says)."""
    return read_manifest(built.path).base


@pytest.fixture(scope="session")
def run(store, base):
    """Run a question the way the endpoint does: relative IRIs against the base, union default graph."""
    return lambda qid: store.query(QUESTIONS[qid].query, base_iri=base, use_default_graph_as_union=True)


@pytest.fixture(scope="session")
def rows(run):
    """The SELECT results of a question, as dicts of plain values (unbound variables are None)."""

    def answer(qid: str) -> list[dict]:
        results = run(qid)
        names = [v.value for v in results.variables]
        return [{name: python_value(solution[name]) for name in names} for solution in results]

    return answer


@pytest.fixture(scope="session")
def triples(run):
    """The triples a CONSTRUCT question returns, as (s, p, o) of plain values."""
    return lambda qid: {(t.subject.value, t.predicate.value, python_value(t.object)) for t in run(qid)}


def fold(text: str | None) -> str:
    """Lower-case, NFC text, so that tests do not hang on capitals ('Sở' / 'sở')."""
    return unicodedata.normalize("NFC", text or "").casefold()


def has(text: str | None, *words: str) -> bool:
    return all(fold(w) in fold(text) for w in words)


def only(found: list[dict]) -> dict:
    assert len(found) == 1, found
    return found[0]


def both_labels(row: dict, prefix: str) -> None:
    assert row[f"{prefix}_vi"], f"{prefix}_vi missing in {row}"
    assert row[f"{prefix}_en"], f"{prefix}_en missing in {row}"


# -- every question ---------------------------------------------------------------------------
def test_there_are_at_least_twelve_questions():
    assert len(QUESTIONS) >= 12


def test_query_files_are_numbered_with_readable_names():
    for qid in QUESTIONS:
        number, _, name = qid.partition("-")
        assert number.isdigit() and len(number) == 2, qid
        assert name and name == name.lower(), qid
    numbers = [int(qid[:2]) for qid in sorted(QUESTIONS)]
    assert numbers == list(range(1, len(numbers) + 1))


@pytest.mark.parametrize("path", sorted(QUERIES_DIR.glob("*.rq")), ids=lambda p: p.stem)
def test_each_query_file_has_a_title_and_description_in_both_languages(path):
    question = load_question(path)  # raises QueryFileError when a header line is missing
    for field in (question.title, question.description):
        assert set(field) == {"vi", "en"}
        assert field["vi"] != field["en"]
    # the Vietnamese is written with its diacritics
    vietnamese = question.title["vi"] + question.description["vi"]
    assert unicodedata.normalize("NFD", vietnamese) != vietnamese, path.name


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
def test_each_query_parses_with_rdflib(qid):
    parseQuery(QUESTIONS[qid].query)


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
def test_each_query_uses_relative_iris_for_our_own_terms(qid):
    """Our terms and things are written <def/...>, <id/...>, <graph/...>: the query works under any base."""
    absolute_own = re.findall(r"<https?://[^>\s]*/(?:id|def|graph|download)/[^>\s]*>", QUESTIONS[qid].query)
    assert not absolute_own, absolute_own


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
def test_each_query_answers_with_at_least_one_row(run, qid):
    assert list(run(qid)), f"{qid} returns nothing"


# -- 01 computers ---------------------------------------------------------------------------
def test_computers_per_level_and_the_total_with_its_warning(rows, base):
    found = rows("01-computers-by-administrative-level")
    by_level = {row["level"].removeprefix(base + "def/admin-level/"): row for row in found}
    assert by_level["province"]["computers"] == 2429
    assert by_level["district"]["computers"] == 909
    assert by_level["all"]["computers"] == 3339
    assert by_level["all"]["sum_of_parts"] == 3338
    for row in found:
        both_labels(row, "level")
        both_labels(row, "unit")
        both_labels(row, "warning")
        assert has(row["warning_en"], "3,339") and has(row["warning_en"], "3,338")
        assert has(row["warning_vi"], "3.339") and has(row["warning_vi"], "3.338")
    assert found[-1]["level"] == base + "def/admin-level/all"  # the total comes last


# -- 02 one-stop shop -------------------------------------------------------------------------
def test_one_stop_shop_sites(rows, base):
    found = rows("02-one-stop-shop-sites")
    for row in found:
        both_labels(row, "system")
        both_labels(row, "site")
    sites = [row["site_vi"] for row in found]
    assert any(has(s, "Chơn Thành") for s in sites), sites
    assert any(has(s, "khu kinh tế") for s in sites), sites
    assert any(has(s, "kế hoạch") and has(s, "đầu tư") for s in sites), sites
    assert len({row["site"] for row in found}) >= 3


def test_the_one_stop_shop_list_is_flagged_incomplete(rows, base):
    """The article ends the list with “…”: the answer must say so."""
    found = rows("02-one-stop-shop-sites")
    for row in found:
        both_labels(row, "note")


# -- 03 recommendations -----------------------------------------------------------------------
def test_recommendations_to_the_central_government(rows, base):
    found = rows("03-recommendations-to-central-government")
    recommendations = {row["recommendation"]: row for row in found}
    assert len(recommendations) == 3  # funding rules, support for IT staff, clearer guidance
    for row in found:
        both_labels(row, "recommendation")
        both_labels(row, "addressed_to")
        both_labels(row, "proposed_by")
        assert has(row["addressed_to_vi"], "Trung ương"), row
        assert has(row["proposed_by_vi"], "Bình Phước"), row
    texts = [row["recommendation_vi"] for row in recommendations.values()]
    assert any(has(t, "nguồn vốn") for t in texts)
    assert any(has(t, "chính sách hỗ trợ") for t in texts)
    assert any(has(t, "hướng dẫn") for t in texts)
    # in the article's order: funding first, guidance last
    ordered = list(dict.fromkeys(row["recommendation"] for row in found))
    assert has(recommendations[ordered[0]]["recommendation_vi"], "nguồn vốn")
    assert has(recommendations[ordered[-1]]["recommendation_vi"], "hướng dẫn")
    for row in found:  # the article's list ends with "…": the answer says it is incomplete
        both_labels(row, "list_note")


def test_the_funding_recommendation_answers_the_funding_difficulty(rows, base):
    found = rows("03-recommendations-to-central-government")
    funding = [row for row in found if has(row["recommendation_vi"], "nguồn vốn")]
    assert any(row["difficulty"] and has(row["difficulty_vi"], "vốn") for row in funding), funding
    answered = [row for row in found if row["difficulty"]]
    assert answered
    for row in answered:
        both_labels(row, "difficulty")


# -- 04 difficulties --------------------------------------------------------------------------
def test_difficulties_the_province_reports(rows, base):
    found = rows("04-difficulties")
    assert len(found) == 4
    for row in found:
        both_labels(row, "kind")
        both_labels(row, "difficulty")
        assert row["quote"] and row["position"] is not None
    texts = [row["difficulty_vi"] for row in found]
    assert has(texts[0], "vốn")  # the article's order
    assert has(texts[1], "nhân lực")
    assert has(texts[2], "mã nguồn mở")
    assert has(texts[3], "email")
    assert found[0]["recommendations"] >= 1  # funding is answered by a request
    for row in found:  # the article's list ends with "...": the answer says it is incomplete
        both_labels(row, "list_note")


# -- 05 delegation head -----------------------------------------------------------------------
def test_the_head_of_the_delegation_and_his_post(rows, base):
    row = only(rows("05-delegation-head"))
    assert row["name"] == "Nguyễn Minh Hồng"
    assert row["honorific_vi"] == "ông"
    both_labels(row, "delegation")
    assert has(row["delegation_of_vi"], "Ban điều hành")
    assert has(row["post_vi"], "Thứ trưởng")
    assert has(row["post_en"], "Deputy Minister")
    assert row["post_in_en"] == "Ministry of Information and Communications"
    assert row["post_in_vi"] == "Bộ Thông tin và Truyền thông"
    assert row["held_during"] == "2012-12"  # when the report says he held it: the working session


# -- 06 portals -------------------------------------------------------------------------------
def test_share_of_web_portals_at_each_service_level(rows, base):
    found = rows("06-web-portals-by-service-level")
    assert [(row["portals"], row["percent"]) for row in found] == [(28, Decimal("87.5")), (4, Decimal("12.5"))]
    assert [set(row["highest_levels"].split(", ")) for row in found] == [{"1", "2"}, {"3"}]
    for row in found:
        assert row["all_portals"] == 32
        both_labels(row, "indicator")
        assert row["check_holds"] is True  # 28 + 4 = 32


def test_question_06_counts_portals_by_their_highest_level_as_the_indicators_do(rows):
    """Each portal at its highest level: the parts do not overlap, so 28 + 4 = 32 is a sum."""
    question = QUESTIONS["06-web-portals-by-service-level"]
    assert has(question.title["en"], "highest") and has(question.title["vi"], "cao nhất")
    assert has(question.description["en"], "counted once, at its highest level", "do not overlap")
    assert has(question.description["vi"], "được đếm một lần, ở mức cao nhất", "không trùng nhau")
    for row in rows("06-web-portals-by-service-level"):
        assert has(row["indicator_en"], "highest") and has(row["indicator_vi"], "cao nhất")


# -- 07 online services -----------------------------------------------------------------------
def test_share_of_public_services_provided_online(rows, base):
    row = only(rows("07-online-public-services-share"))
    assert row["online_services"] == 73
    assert row["all_services"] == 1588
    assert row["percent_online"] == Decimal("4.6")


# -- 08 facts of a sentence -------------------------------------------------------------------
def test_facts_drawn_from_the_sentence_about_computers(rows, base):
    text = ARTICLE.read_text(encoding="utf-8")
    start = text.index("Cụ thể về hạ tầng CNTT")
    end = text.index("cấp huyện 909 máy tính.") + len("cấp huyện 909 máy tính.")
    found = rows("08-facts-from-a-sentence")
    for row in found:
        assert (row["sentence_start"], row["sentence_end"]) == (start, end)
        assert start <= row["start"] < row["end"] <= end
        assert text[int(row["start"]) : int(row["end"])] == row["quote"]
        both_labels(row, "fact")
    computers = {row["observation"] for row in rows("01-computers-by-administrative-level")}
    assert computers <= {row["fact"] for row in found}
    quotes = " | ".join(row["quote"] for row in found)
    assert "3.339" in quotes and "2429" in quotes and "909" in quotes


# -- 09 quality warnings ----------------------------------------------------------------------
def test_figures_with_quality_warnings(rows, base):
    found = rows("09-figures-with-quality-warnings")
    computers = {row["observation"] for row in rows("01-computers-by-administrative-level")}
    flagged = {row["observation"]: row for row in found}
    assert computers <= set(flagged)
    for observation in computers:
        row = flagged[observation]
        assert row["dimension"] == "http://www.w3.org/2016/05/ldqd#consistency"
        assert (row["dimension_vi"], row["dimension_en"]) == ("tính nhất quán", "consistency")
        both_labels(row, "warning")
        both_labels(row, "figure")
        assert has(row["warning_en"], "3,338")
    assert {flagged[o]["value"] for o in computers} == {3339, 2429, 909}


# -- 10 IT systems ----------------------------------------------------------------------------
def test_it_systems_and_where_they_are_deployed(rows, base):
    found = rows("10-it-systems-and-deployments")
    for row in found:
        both_labels(row, "system")
        both_labels(row, "kind")

    def system(*words):
        chosen = [row for row in found if has(row["system_vi"], *words)]
        assert chosen, f"no system labelled with {words}: {sorted({r['system_vi'] for r in found})}"
        return chosen

    documents = system("quản lý văn bản")
    assert {row["phase"] for row in documents} == {1}
    assert {row["count"] for row in documents if row["count"] is not None} == {6, 4}  # 6 departments, 4 districts
    assert {row["count"] for row in system("họp trực tuyến") if row["count"] is not None} == {10}
    one_stop = system("một cửa")
    assert len({row["site"] for row in one_stop if row["site"]}) >= 3
    assert {row["count"] for row in system("truyền số liệu") if row["count"] is not None} == {60}


# -- 11 every figure --------------------------------------------------------------------------
def test_every_figure_of_the_report(rows, base):
    found = rows("11-all-figures")
    for row in found:
        for prefix in ("indicator", "level", "unit", "area"):
            both_labels(row, prefix)
        assert row["period"] == "2012-12"
        assert row["quote"], row
    values = sorted(row["value"] for row in found)
    # computers 3,339 / 2,429 / 909; LAN and Internet 100 %; 60 network points; 1,588 services, 73 online;
    # document management at 6 departments and 4 districts; online meetings at 10 districts;
    # 32 portals: 28 at levels 1-2, 4 at level 3
    for value in (3339, 2429, 909, 100, 60, 1588, 73, 6, 4, 10, 32, 28):
        assert value in values, (value, values)
    assert values.count(4) >= 2  # 4 districts (document management) and 4 portals at level 3
    positions = [row["position"] for row in found]
    assert positions == sorted(positions)  # the article's order


# -- 12 organisations -------------------------------------------------------------------------
def test_organisations_and_how_they_relate(rows, base):
    found = rows("12-organisations-and-relations")
    for row in found:
        both_labels(row, "organisation")
        both_labels(row, "kind")
        if row["relation"]:
            both_labels(row, "relation")
            both_labels(row, "other")

    def relations(org_words, relation):
        return [row for row in found if has(row["organisation_vi"], *org_words) and row["relation"] == ORG + relation]

    department = ("Sở Thông tin và Truyền thông",)
    assert any(row["other_vi"] == "Bộ Thông tin và Truyền thông" for row in relations(department, "linkedTo"))
    assert any(has(row["other_vi"], "Ban điều hành") for row in relations(("đoàn",), "unitOf"))
    ministry_posts = relations(("Bộ Thông tin và Truyền thông",), "hasPost")
    assert any(has(row["other_en"], "Deputy Minister") and row["holder_name"] == "Nguyễn Minh Hồng" for row in ministry_posts)
    director = [row for row in relations(department, "hasPost") if has(row["other_en"], "Director")]
    assert director and all(row["holder_name"] is None for row in director)  # the report does not name him
    kinds = {row["kind_en"] for row in found}
    assert len(kinds) >= 4  # ministry, department, board, delegation, People's Committee...


def test_questions_name_the_board_as_the_graph_does(store, base):
    """“Ban điều hành” is the Executive Board in the graph: no question calls it anything else."""
    boards = [
        row["label"].value
        for row in store.query(
            "SELECT ?label WHERE { ?board <http://www.w3.org/ns/org#classification> <def/organisation-kind/board> ; "
            "<http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(lang(?label) = 'en') }",
            base_iri=base,
            use_default_graph_as_union=True,
        )
    ]
    assert any("Executive Board" in label for label in boards), boards
    english = " ".join(q.title["en"] + " " + q.description["en"] for q in QUESTIONS.values())
    named = set(re.findall(r"\b([A-Z]\w+) Board\b", english))
    assert named == {"Executive"}, named
    assert "Executive Board" in QUESTIONS["12-organisations-and-relations"].description["en"]


# -- 13 working session -----------------------------------------------------------------------
def test_the_working_session(rows, base):
    row = only(rows("13-working-session"))
    assert row["date"] == "2012-12"
    both_labels(row, "event")
    assert has(row["participants_vi"], "Sở Thông tin và Truyền thông")
    assert has(row["participants_vi"], "đoàn")
    assert has(row["people_vi"], "Nguyễn Minh Hồng")
    assert has(row["people_en"], "Nguyễn Minh Hồng")
    both_labels(row, "document")
    assert has(row["presented_by_vi"], "Giám đốc")
    assert has(row["presented_by_en"], "Director")


def test_question_13_describes_the_session_as_its_label_does(rows):
    """The delegation's working session, at which the Director reported: one wording for label and question."""
    row = only(rows("13-working-session"))
    question = QUESTIONS["13-working-session"]
    for lang in ("vi", "en"):
        label = row[f"event_{lang}"]
        assert fold(label[0].lower() + label[1:]) in fold(question.description[lang]), (label, question.description[lang])
    assert not has(question.description["en"], "with the province")
    assert not has(question.description["vi"], "và tỉnh")


# -- 14 provenance of a figure ----------------------------------------------------------------
def test_where_the_computers_total_comes_from(rows, base):
    found = rows("14-where-a-figure-comes-from")
    assert found
    text = ARTICLE.read_text(encoding="utf-8")
    for row in found:
        assert row["observation"] == base + "id/observation/binh-phuoc-2012-ict/computers-total"
        assert row["document"] == base + "id/document/binh-phuoc-2012-ict"
        assert row["graph"] == base + "graph/binh-phuoc-2012-ict"
        assert row["title"] == "Ứng dụng CNTT tại Bình Phước được đánh giá cao"
        assert row["published"] == "2013-01-22"
        assert row["quote_at_offsets"] is True
        assert text[int(row["start"]) : int(row["end"])] == row["quote"]
        assert text[: int(row["start"])].endswith(row["prefix"])
        assert text[int(row["end"]) :].startswith(row["suffix"])
        both_labels(row, "figure")
    figure = text.index("3.339 máy tính")
    assert any("3.339" in row["quote"] and row["start"] <= figure < row["end"] for row in found)


# -- 15 sums and bounds -----------------------------------------------------------------------
def test_the_sums_the_report_allows_and_whether_they_hold(rows, base):
    found = rows("15-sum-checks")
    for row in found:
        both_labels(row, "metric")
        both_labels(row, "total")
        both_labels(row, "result")
    by_total = {row["reported_value"]: row for row in found}
    computers = by_total[3339]
    assert computers["holds"] is False
    assert computers["parts_sum"] == 3338
    assert computers["parts"] == 2
    assert computers["metric"] == base + "def/kg/sumOfPartsMatchesTotal"
    portals = by_total[32]
    assert portals["holds"] is True and portals["parts_sum"] == 32
    services = by_total[1588]
    assert services["holds"] is True and services["parts_sum"] == 73
    assert services["metric"] == base + "def/kg/partNotAboveWhole"
    assert found[0]["holds"] is False  # failures first


# -- 16 delegation graph ----------------------------------------------------------------------
def test_the_delegation_graph(triples, base):
    graph = triples("16-delegation-graph")
    person = {s for s, p, o in graph if p == FOAF_NAME and o == "Nguyễn Minh Hồng"}
    assert len(person) == 1
    held = {o for s, p, o in graph if s in person and p == ORG + "holds"}
    roles = {o for s, p, o in graph if s in held and p == ORG + "role"}
    assert {base + "def/role/head-of-delegation", base + "def/role/deputy-minister"} <= roles
    labels = {o for s, p, o in graph if s in held and p == RDFS_LABEL}
    assert "Deputy Minister of Information and Communications" in labels
    delegations = {o for s, p, o in graph if s in held and p == ORG + "postIn"}
    assert any((d, ORG + "unitOf") in {(s, p) for s, p, _ in graph} for d in delegations)
    assert any(p == "http://www.w3.org/ns/prov#wasAssociatedWith" for _, p, _ in graph)


# -- 17 places --------------------------------------------------------------------------------
def test_places_and_their_identifiers(rows, base):
    found = rows("17-places-and-identifiers")
    by_place = {row["place"].removeprefix(base + "id/place/"): row for row in found}
    binh_phuoc = by_place["binh-phuoc"]
    assert binh_phuoc["iso_3166_2"] == "VN-58"
    assert "http://www.wikidata.org/entity/Q36672" in binh_phuoc["close_matches"].split()
    assert any("geonames.org/1905480" in m for m in binh_phuoc["close_matches"].split())
    assert binh_phuoc["part_of_en"] == "Vietnam"
    assert "http://www.wikidata.org/entity/Q881" in by_place["vietnam"]["close_matches"].split()
    chon_thanh = [row for row in found if has(row["place_vi"], "Chơn Thành")]
    assert chon_thanh and has(chon_thanh[0]["part_of_vi"], "Bình Phước")
    assert "wikidata" not in (chon_thanh[0]["close_matches"] or "")  # no item found: none invented
    assert [row["depth"] for row in found] == sorted(row["depth"] for row in found)
    for row in found:
        both_labels(row, "place")
        both_labels(row, "level")


# -- 18 the source --------------------------------------------------------------------------
def test_the_source_of_the_report(rows, base):
    row = only(rows("18-source-of-the-report"))
    assert row["document"] == base + "id/document/binh-phuoc-2012-ict"
    assert row["published"] == "2013-01-22"
    assert row["language"] == "vi"
    assert row["publisher_vi"] == "Hội Truyền thông Thành phố Hà Nội"
    both_labels(row, "publisher")
    assert "mic.gov.vn" in row["original_source"]
    assert row["period"] == "2012-12"
    assert row["graph"] == base + "graph/binh-phuoc-2012-ict"
    both_labels(row, "graph_note")
    assert row["quotes"] >= 20


# -- 19 initiatives and training --------------------------------------------------------------
def test_initiatives_and_who_teaches_the_training(rows, base):
    found = rows("19-initiatives-and-training")
    for row in found:
        both_labels(row, "initiative")
        both_labels(row, "kind")
    assert len(found) == 2  # open-source software, staff training
    training = only([row for row in found if has(row["kind_vi"], "đào tạo")])
    assert any(has(row["kind_vi"], "mã nguồn mở") for row in found)
    both_labels(training, "instructors")
    assert set(training["credentials_vi"].split(" | ")) == {"Thạc sĩ", "Tiến sĩ"}
    assert set(training["credentials_en"].split(" | ")) == {"Master's degree", "Doctorate"}
    assert has(training["affiliation_vi"], "Đại học")


# -- 20 assessments ---------------------------------------------------------------------------
def test_the_articles_judgements_and_whose_words_they_are(rows, base):
    found = {row["text_vi"]: row for row in rows("20-assessments")}
    assert set(found) == {
        "Ứng dụng CNTT tại Bình Phước được đánh giá cao",
        "ứng dụng CNTT trên địa bàn tỉnh Bình Phước đã đạt nhiều kết quả",
        "Việc ứng dụng CNTT cũng đạt nhiều kết quả cao",
        "Về ứng dụng CNTT phục vụ người dân khá đầy đủ",
    }
    article = ARTICLE.read_text(encoding="utf-8")
    for text, row in found.items():
        assert text in article  # each is the article's own wording
        assert row["item_en"] == "Bình Phước Province" and has(row["aspect_en"], "IT application")
    assert found["Ứng dụng CNTT tại Bình Phước được đánh giá cao"]["source"] is None  # the headline: the article's own
    credited = [row for text, row in found.items() if row["source"] is not None]
    assert len(credited) == 3
    assert {row["source_en"] for row in credited} == {"Report of the Director of the Bình Phước Department of Information and Communications"}
    assert has(found["Về ứng dụng CNTT phục vụ người dân khá đầy đủ"]["aspect_en"], "citizens")


# -- 21 findings by source --------------------------------------------------------------------
def test_every_finding_but_the_headline_is_credited_to_the_directors_report_of_december_2012(rows, base):
    found = rows("21-findings-by-source")
    kg = base + "def/kg/"
    kinds = {row["kind"] for row in found}
    assert kinds == {kg + "Difficulty", kg + "Recommendation", kg + "Assessment", "http://purl.org/linked-data/cube#Observation"}
    own = [row for row in found if row["source"] is None]
    assert [(row["kind"], row["findings"]) for row in own] == [(kg + "Assessment", 1)]
    for row in found:
        if row["source"] is not None:
            assert row["source_en"] == "Report of the Director of the Bình Phước Department of Information and Communications"
            assert has(row["event_en"], "Working session") and row["date"] == "2012-12"
    counts = {row["kind"]: row["findings"] for row in found if row["source"]}
    assert counts[kg + "Difficulty"] == 4 and counts[kg + "Recommendation"] == 3
    assert counts["http://purl.org/linked-data/cube#Observation"] == 14  # every figure of the article
