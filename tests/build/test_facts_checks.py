"""Each check of the facts file, one problem at a time, with the exact words an editor reads."""

from __future__ import annotations

import copy
import datetime as dt
import os
import pickle
import subprocess
import sys

import pytest
import yaml

from kg.build.facts import FactsError, Report, evidence_of, load_report

TEXT = "Tỉnh Bình Phước có 3.339 máy tính.\nTheo mic.gov.vn\n"
QUOTE_SOURCE = {"quote": "Theo mic.gov.vn", "at": 35}
GOOD = {
    "report": {
        "id": "demo-report",
        "text": "article.txt",
        "title": {"vi": "Tiêu đề", "en": "Title"},
        "published": dt.date(2013, 1, 22),
        "language": "vi",
        "publisher": "province",
        "area": "province",
        "period": "2012-12",
        "evidence": [QUOTE_SOURCE],
    },
    "places": [
        {
            "id": "province",
            "kind": "province",
            "label": {"vi": "tỉnh Bình Phước", "en": "Bình Phước Province"},
            "evidence": [{"quote": "Bình Phước", "at": 5}],
        }
    ],
    "figures": [
        {
            "id": "computers",
            "indicator": "computers",
            "value": 3339,
            "unit": "computer",
            "level": "all",
            "area": "province",
            "period": "2012-12",
            "evidence": [{"quote": "3.339 máy tính", "at": 19}],
        }
    ],
}


def folder_with(tmp_path, facts: dict, text: str = TEXT):
    folder = tmp_path / "demo-report"
    folder.mkdir(exist_ok=True)
    (folder / "article.txt").write_text(text, encoding="utf-8")
    (folder / "facts.yaml").write_text(yaml.safe_dump(facts, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def edited(edit) -> dict:
    facts = copy.deepcopy(GOOD)
    edit(facts)
    return facts


def problems(tmp_path, facts: dict, text: str = TEXT) -> list[str]:
    with pytest.raises(FactsError) as caught:
        load_report(folder_with(tmp_path, facts, text))
    return caught.value.problems


def test_the_good_report_loads(tmp_path):
    report = load_report(folder_with(tmp_path, GOOD))
    assert [(s, e["id"]) for s, e in report.entries()] == [("places", "province"), ("figures", "computers")]
    assert report.by_id() == {"province": ("places", GOOD["places"][0]), "computers": ("figures", GOOD["figures"][0])}
    assert report.sections["checks"] == []


CASES = {
    "unknown section": (
        lambda f: f.update(remarks=[]),
        [
            "unknown section `remarks` (allowed here: assessments, checks, difficulties, documents, events, figures, groups, "
            "initiatives, organisations, people, places, posts, quality_notes, recommendations, report, systems)"
        ],
    ),
    "section not a list": (lambda f: f.update(people={"id": "x"}), ["section `people` must be a list of entries"]),
    "no text file named": (
        lambda f: f["report"].pop("text"),
        [
            "report: `text` (the source text file) is missing",
            "report: quote 'Theo mic.gov.vn' is not at position 35 (it is not in the text at all)",
            "places `province`: quote 'Bình Phước' is not at position 5 (it is not in the text at all)",
            "figures `computers`: quote '3.339 máy tính' is not at position 19 (it is not in the text at all)",
        ],
    ),
    "missing metadata": (
        lambda f: [f["report"].pop(k) for k in ("language", "title")],
        ["report: `title` is missing", "report: `language` is missing"],
    ),
    "empty metadata": (
        lambda f: f["report"].update(language="", evidence=[]),
        ["report: `language` is missing", "report: `evidence` is missing", "report: no `evidence` (every fact needs a quote from the source)"],
    ),
    "bad report id": (lambda f: f["report"].update(id="Demo Report"), ["report: id 'Demo Report' is not lower-case ASCII words joined by '-'"]),
    "published as text": (lambda f: f["report"].update(published="22/01/2013"), ["report: `published` must be a date written YYYY-MM-DD"]),
    "period as a day": (lambda f: f["report"].update(period="2012-12-01"), ["report: `period` must be written YYYY-MM"]),
    "title in one language": (lambda f: f["report"].update(title={"vi": "Tiêu đề"}), ["report: `title` has no en text"]),
    "title as a string": (lambda f: f["report"].update(title="Tiêu đề"), ["report: `title` must give both languages, as {vi: ..., en: ...}"]),
    "blank label": (lambda f: f["places"][0].update(label={"vi": "  ", "en": "Province"}), ["places `province`: `label` has no vi text"]),
    "entry not a mapping": (lambda f: f["places"].append("a string"), ["places: an entry is not a mapping of fields: 'a string'"]),
    "bad entry id": (
        lambda f: f["places"][0].update(id="Tỉnh"),
        [
            "places: id 'Tỉnh' is not lower-case ASCII words joined by '-'",
            "figures `computers`: `area` refers to 'province', which is no entry's id",
            "report: `publisher` refers to 'province', which is no entry's id",
            "report: `area` refers to 'province', which is no entry's id",
        ],
    ),
    "id used twice": (lambda f: f["figures"][0].update(id="province"), ["figures `province`: id already used in places"]),
    "required field missing": (lambda f: f["figures"][0].pop("unit"), ["figures `computers`: `unit` is missing"]),
    "value as text": (
        lambda f: f["figures"][0].update(value="3.339"),
        ["figures `computers`: `value` must be a number, written without thousands separators"],
    ),
    "value as a boolean": (
        lambda f: f["figures"][0].update(value=True),
        ["figures `computers`: `value` must be a number, written without thousands separators"],
    ),
    "figure period as a day": (lambda f: f["figures"][0].update(period="2012-12-31"), ["figures `computers`: `period` must be written YYYY-MM"]),
    "event date": (
        lambda f: f.update(
            events=[
                {
                    "id": "session",
                    "label": {"vi": "Buổi", "en": "Session"},
                    "date": "12/2012",
                    "participants": ["province"],
                    "evidence": [QUOTE_SOURCE],
                }
            ]
        ),
        ["events `session`: `date` must be written YYYY-MM or YYYY-MM-DD"],
    ),
    "check without parts": (
        lambda f: f.update(checks=[{"id": "sum", "total": "computers"}]),
        ["checks `sum`: a check needs either `total` and `parts`, or `whole` and `part`"],
    ),
    "dangling reference": (
        lambda f: f["figures"][0].update(area="nowhere"),
        ["figures `computers`: `area` refers to 'nowhere', which is no entry's id"],
    ),
    "reference that is no string": (
        lambda f: f["places"][0].update(part_of=[7]),
        ["places `province`: `part_of` refers to 7, which is no entry's id"],
    ),
    "report publisher unknown": (
        lambda f: f["report"].update(publisher="hanica"),
        ["report: `publisher` refers to 'hanica', which is no entry's id"],
    ),
    "no evidence": (lambda f: f["places"][0].pop("evidence"), ["places `province`: no `evidence` (every fact needs a quote from the source)"]),
    "evidence not a list": (
        lambda f: f["places"][0].update(evidence={"quote": "Bình Phước", "at": 5}),
        ["places `province`: `evidence` must be a list of {quote, at}"],
    ),
    "evidence item without a position": (
        lambda f: f["places"][0].update(evidence=[{"quote": "Bình Phước"}]),
        ["places `province`: each evidence item needs `quote` (text) and `at` (a number): {'quote': 'Bình Phước'}"],
    ),
    "quote in NFD": (
        lambda f: f["places"][0].update(evidence=[{"quote": "Bi\u0300nh", "at": 5}]),
        [
            "places `province`: quote 'Bìnhh' is not NFC-normalised".replace("Bìnhh", "Bi\u0300nh"),
            "places `province`: quote 'Bi\u0300nh' is not at position 5 (it is not in the text at all)",
        ],
    ),
    "quote found twice elsewhere": (
        lambda f: f["places"][0].update(evidence=[{"quote": "m", "at": 0}]),
        ["places `province`: quote 'm' is not at position 0 (it stands at 25, 40)"],
    ),
    "position as a boolean": (
        lambda f: f["places"][0].update(evidence=[{"quote": "T", "at": False}]),
        ["places `province`: quote 'T' is not at `at` False, which is no position in the text (0 or more) (it stands at 0, 35)"],
    ),
    "sections after one that is no list are checked": (
        lambda f: (f.update(people={"id": "x"}), f["figures"][0].pop("unit")),
        ["section `people` must be a list of entries", "figures `computers`: `unit` is missing"],
    ),
    "entries after one that is no mapping are checked": (
        lambda f: f["places"].insert(0, "a string"),
        ["places: an entry is not a mapping of fields: 'a string'"],
    ),
    "entries after one with a bad id are checked": (
        lambda f: f["places"].insert(0, {"id": "Bad Id"}),
        ["places: id 'Bad Id' is not lower-case ASCII words joined by '-'"],
    ),
    "references after an entry that is no mapping are checked": (
        lambda f: (f["places"].insert(0, "a string"), f["figures"][0].update(area="nowhere")),
        ["places: an entry is not a mapping of fields: 'a string'", "figures `computers`: `area` refers to 'nowhere', which is no entry's id"],
    ),
    "required field empty": (lambda f: f["figures"][0].update(unit=""), ["figures `computers`: `unit` is missing"]),
    "check with a whole but no part": (
        lambda f: f.update(checks=[{"id": "sum", "whole": "computers"}]),
        ["checks `sum`: a check needs either `total` and `parts`, or `whole` and `part`"],
    ),
    "labels after one given as a string are checked": (
        lambda f: f["places"][0].update(label="tỉnh Bình Phước", alt_label={"vi": "Bình Phước"}),
        ["places `province`: `label` must give both languages, as {vi: ..., en: ...}", "places `province`: `alt_label` has no en text"],
    ),
    "quote that is no text": (
        lambda f: f["places"][0].update(evidence=[{"quote": 5, "at": 5}]),
        ["places `province`: each evidence item needs `quote` (text) and `at` (a number): {'quote': 5, 'at': 5}"],
    ),
    "evidence after a malformed item is checked": (
        lambda f: f["places"][0].update(evidence=[{"quote": "Bình Phước"}, {"quote": "Bình Phước", "at": 0}]),
        [
            "places `province`: each evidence item needs `quote` (text) and `at` (a number): {'quote': 'Bình Phước'}",
            "places `province`: quote 'Bình Phước' is not at position 0 (it stands at 5)",
        ],
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_problem_is_named_with_its_entry(tmp_path, case):
    edit, expected = CASES[case]
    assert problems(tmp_path, edited(edit)) == expected


def test_checks_and_quality_notes_need_no_evidence_but_what_they_give_is_checked(tmp_path):
    facts = edited(lambda f: f.update(checks=[{"id": "sum", "whole": "computers", "part": "computers"}]))
    assert load_report(folder_with(tmp_path, facts)).sections["checks"][0]["id"] == "sum"
    facts["checks"][0]["evidence"] = [{"quote": "nowhere", "at": 0}]
    assert problems(tmp_path, facts) == ["checks `sum`: quote 'nowhere' is not at position 0 (it is not in the text at all)"]


def test_a_text_that_is_not_nfc_is_refused(tmp_path):
    nfd = "Tỉnh Bình Phước".replace("ì", "i\u0300")
    assert problems(tmp_path, edited(lambda f: None), text=nfd + TEXT[len("Tỉnh Bình Phước") :])[0] == (
        "report: article.txt is not NFC-normalised (normalise it once and commit it)"
    )


def test_a_missing_or_unreadable_text_is_named(tmp_path):
    folder = folder_with(tmp_path, edited(lambda f: f["report"].update(text="missing.txt")))
    with pytest.raises(FactsError) as caught:
        load_report(folder)
    assert caught.value.problems[0].startswith("report: cannot read source text missing.txt: ")
    (folder / "latin1.txt").write_bytes("Bình".encode("utf-16"))
    (folder / "facts.yaml").write_text((folder / "facts.yaml").read_text(encoding="utf-8").replace("missing.txt", "latin1.txt"), encoding="utf-8")
    with pytest.raises(FactsError) as caught:
        load_report(folder)
    assert caught.value.problems[0].startswith("report: cannot read source text latin1.txt: ")


@pytest.mark.parametrize(
    "content, problem",
    [
        ("- just\n- a list\n", "the file must start with a `report:` section"),
        ("report: a string\n", "the file must start with a `report:` section"),
        ("report: [unclosed\n", "not valid YAML: "),
    ],
)
def test_a_file_that_is_no_report_says_so(tmp_path, content, problem):
    folder = folder_with(tmp_path, GOOD)
    (folder / "facts.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(FactsError) as caught:
        load_report(folder)
    assert caught.value.problems[0].startswith(problem) and len(caught.value.problems) == 1


def test_a_missing_facts_file_is_named(tmp_path):
    with pytest.raises(FactsError) as caught:
        load_report(tmp_path / "nowhere")
    assert caught.value.problems == ["file not found"] and caught.value.source == tmp_path / "nowhere" / "facts.yaml"


def test_the_error_lists_every_problem_and_crosses_process_boundaries_whole(tmp_path):
    error = FactsError(tmp_path / "facts.yaml", ["one", "two"])
    assert str(error) == f"{tmp_path / 'facts.yaml'}: 2 problem(s):\n  - one\n  - two"
    again = pickle.loads(pickle.dumps(error))
    assert (again.source, again.problems, str(again)) == (error.source, error.problems, str(error))


def test_the_report_is_loaded_with_its_id_folder_text_and_metadata(tmp_path):
    folder = folder_with(tmp_path, GOOD)
    report = load_report(folder)
    assert (report.id, report.folder, report.text, report.meta["period"]) == ("demo-report", folder, TEXT, "2012-12")


def test_the_evidence_of_an_entry_is_its_quotes_and_positions():
    [evidence] = evidence_of(GOOD["figures"][0])
    assert (evidence.quote, evidence.start, evidence.end) == ("3.339 máy tính", 19, 19 + len("3.339 máy tính"))
    assert evidence_of({"id": "x"}) == [] and evidence_of({"evidence": None}) == []


def test_report_entries_skip_sections_it_does_not_hold():
    report = Report(id="r", folder=None, text="", meta={}, sections={"figures": [{"id": "f"}]})
    assert list(report.entries()) == [("figures", {"id": "f"})]


@pytest.mark.parametrize(
    "edit", [lambda f: f["report"].pop("text"), lambda f: f["report"].update(text="missing.txt")], ids=["no text named", "text file missing"]
)
def test_a_report_whose_text_cannot_be_read_has_no_quote_in_it(tmp_path, edit):
    """Without its source text a report's text is empty: even a one-letter quote stands nowhere."""
    facts = edited(lambda f: (edit(f), f["places"][0].update(evidence=[{"quote": "X", "at": 0}])))
    assert "places `province`: quote 'X' is not at position 0 (it is not in the text at all)" in problems(tmp_path, facts)


@pytest.mark.parametrize(
    "content", ["report: [unclosed\n", "- just\n- a list\n", None], ids=["not YAML", "no report section", "a problem in an entry"]
)
def test_the_error_names_the_facts_file_and_what_is_wrong(tmp_path, content):
    folder = folder_with(tmp_path, edited(lambda f: f["figures"][0].pop("unit")))
    if content is not None:
        (folder / "facts.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(FactsError) as caught:
        load_report(folder)
    [problem] = caught.value.problems
    assert caught.value.source == folder / "facts.yaml"
    assert str(caught.value) == f"{folder / 'facts.yaml'}: 1 problem(s):\n  - {problem}"


def test_a_report_is_read_as_utf_8_under_an_ascii_locale(tmp_path):
    """The facts file and its text are UTF-8 whatever the locale of the build (here C, without UTF-8 mode)."""
    folder = folder_with(tmp_path, GOOD)
    script = (
        "import locale, sys; from kg.build.facts import load_report; r = load_report(sys.argv[1]); "
        "print(ascii((sys.flags.utf8_mode, locale.getencoding(), r.meta['title']['vi'], r.text)))"
    )
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0", "PYTHONPATH": os.pathsep.join(sys.path)}
    run = subprocess.run([sys.executable, "-c", script, str(folder)], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == ascii((0, "ANSI_X3.4-1968", "Tiêu đề", TEXT))
    here = load_report(folder)  # the same in this process's own locale (also lets mutmut see which test reaches it)
    assert (here.meta["title"]["vi"], here.text) == ("Tiêu đề", TEXT)
