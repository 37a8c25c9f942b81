"""A citation (kg.web.present.citation) written as BibTeX, CSL-JSON, RIS or a formatted reference.

- BibTeX: one `@misc` entry (the type classic BibTeX styles and biblatex both know) with a stable
  key; the publisher, an organisation, is braced as the author so that it is not split into names;
  LaTeX's special characters are escaped (`&` as `\\&`, a brace as `\\textbraceleft{}`, which keeps
  braces balanced). Vietnamese stays UTF-8: biblatex with biber reads it as is; classic 8-bit BibTeX
  prints it too but may sort it oddly.
- CSL-JSON: one item (as DOI resolvers answer), with the CSL variables `type`, `title`, `author`,
  `publisher`, `issued`, `URL`, `version`, `accessed`, `language`, and for a resource the dataset as
  `container-title` and its first source as `original-title`/`original-publisher`/`original-date`.
- RIS: `TY  - DATA` ... `ER  - `, one tag a line.
- The formatted reference: close to APA 7 for a dataset, in Vietnamese or English.
"""

from __future__ import annotations

import json
import re

from kg.web.present.citation import Citation, Source

LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LATEX = re.compile("|".join(re.escape(c) for c in LATEX_SPECIAL))
_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
WORDS = {
    "vi": {
        "data_set": "Bộ dữ liệu",
        "version": "Phiên bản",
        "retrieved": "Truy cập ngày {date}, từ {url}",
        "in": "Trong",
        "source": "Nguồn",
        "after": "theo",
        "more": "và {n} nguồn khác",
        "nd": "k.n.",
    },
    "en": {
        "data_set": "Data set",
        "version": "Version",
        "retrieved": "Retrieved {date}, from {url}",
        "in": "In",
        "source": "Source",
        "after": "after",
        "more": "and {n} other sources",
        "nd": "n.d.",
    },
}


def latex_escape(text: str) -> str:
    """Text with LaTeX's special characters escaped, its braces kept balanced (so BibTeX reads the field whole)."""
    return _LATEX.sub(lambda m: LATEX_SPECIAL[m.group(0)], " ".join(text.split()))


def date_parts(text: str) -> list[int]:
    """[year, month, day] (as many as the ISO text gives) of a date such as 2013-01-22; [] when it is none."""
    m = _DATE.match(text or "")
    return [int(x) for x in m.groups() if x] if m else []


def _words(c: Citation) -> dict[str, str]:
    return WORDS.get(c.lang, WORDS["en"])


def source_sentence(s: Source, lang: str) -> str:
    """One source as the reference names it: publisher (date). Title [translation], after origin."""
    words = WORDS.get(lang, WORDS["en"])
    title = s.title + (f" [{s.translated}]" if s.translated else "")
    when = _long_date(s.issued, lang, apa=True) or words["nd"]
    text = f"{s.publisher} ({when}). {title}" if s.publisher else f"{title} ({when})"
    return text + (f", {words['after']} {', '.join(s.after)}" if s.after else "")


def sources_sentence(c: Citation) -> str:
    """Every source of the citation, '; '-separated, with how many more there are."""
    parts = [source_sentence(s, c.lang) for s in c.sources]
    if c.more_sources:
        parts.append(_words(c)["more"].format(n=c.more_sources))
    return "; ".join(parts)


def _long_date(text: str, lang: str, *, apa: bool = False) -> str:
    parts = date_parts(text)
    if not parts:
        return ""
    if lang == "vi":
        return "/".join(f"{p:02d}" for p in reversed(parts[1:])) + ("/" if len(parts) > 1 else "") + str(parts[0])
    month = MONTHS[parts[1] - 1] if len(parts) > 1 and 1 <= parts[1] <= 12 else ""
    day = str(parts[2]) if len(parts) > 2 else ""
    if apa:
        return ", ".join(x for x in (str(parts[0]), f"{month} {day}".strip()) if x)
    return f"{month} {day}, {parts[0]}".strip(" ,") if month else str(parts[0])


def bibliography(c: Citation) -> str:
    """The formatted reference, close to APA 7 for a data set, in the citation's language."""
    words = _words(c)
    ds = c.dataset
    edition = f" ({words['version']} {ds.version})" if ds.version else ""
    where = f"{ds.title}{edition} [{words['data_set']}]"
    head = f"{ds.publisher}. ({c.year or words['nd']}). "
    body = f"{where}." if c.of_dataset else f"{c.title}. {words['in']} {where}."
    retrieved = words["retrieved"].format(date=_long_date(c.accessed.isoformat(), c.lang), url=c.link)
    sources = sources_sentence(c)
    return f"{head}{body} {retrieved}" + (f". {words['source']}: {sources}." if sources else "") + "\n"


def bibtex(c: Citation) -> str:
    """One BibTeX entry, LaTeX-escaped, UTF-8."""
    words = _words(c)
    ds = c.dataset
    note = words["data_set"] if c.of_dataset else f"{words['in']}: {ds.title}, {words['version'].lower()} {ds.version}"
    sources = sources_sentence(c)
    if sources:
        note += f". {words['source']}: {sources}"
    fields = {
        "author": "{" + latex_escape(ds.publisher) + "}" if ds.publisher else "",
        "title": latex_escape(c.title),
        "year": c.year,
        "version": latex_escape(ds.version),
        "publisher": latex_escape(ds.publisher),
        "url": c.link,
        "urldate": c.accessed.isoformat(),
        "language": {"vi": "vietnamese", "en": "english"}.get(c.lang, ""),
        "note": latex_escape(note),
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items() if value)
    return f"@misc{{{c.key},\n{body}\n}}\n"


def csl_json(c: Citation) -> str:
    """One CSL-JSON item (the CSL 1.0.2 variables), as DOI resolvers answer `application/vnd.citationstyles.csl+json`."""
    ds = c.dataset
    item: dict = {"id": c.key, "type": "dataset", "title": c.title}
    if ds.publisher:
        item["author"] = [{"literal": ds.publisher}]
        item["publisher"] = ds.publisher
    if date_parts(ds.modified):
        item["issued"] = {"date-parts": [date_parts(ds.modified)]}
    item.update({"URL": c.link, "version": ds.version, "accessed": {"date-parts": [date_parts(c.accessed.isoformat())]}, "language": c.lang})
    if not c.of_dataset:
        item["container-title"] = ds.title
    if c.sources:
        first = c.sources[0]
        item["original-title"] = first.title
        if first.publisher:
            item["original-publisher"] = first.publisher
        if date_parts(first.issued):
            item["original-date"] = {"date-parts": [date_parts(first.issued)]}
        item["note"] = f"{_words(c)['source']}: {sources_sentence(c)}"
    return json.dumps({k: v for k, v in item.items() if v != ""}, ensure_ascii=False, indent=2) + "\n"


def ris(c: Citation) -> str:
    """The RIS record: one `XX  - value` line per tag, ending with `ER  - `."""
    ds = c.dataset
    accessed = c.accessed.strftime("%Y/%m/%d")
    lines = [("TY", "DATA"), ("ID", c.key), ("TI", c.title), ("AU", ds.publisher), ("PB", ds.publisher), ("PY", c.year)]
    parts = date_parts(ds.modified)
    if len(parts) == 3:
        lines.append(("DA", "/".join(f"{p:02d}" for p in parts)))
    lines += [("ET", ds.version), ("UR", c.link), ("Y2", accessed), ("LA", c.lang)]
    if not c.of_dataset:
        lines.append(("T2", ds.title))
    sources = sources_sentence(c)
    if sources:
        lines.append(("N1", f"{_words(c)['source']}: {sources}"))
    return "".join(f"{tag}  - {' '.join(value.split())}\n" for tag, value in lines if value) + "ER  - \n"


#: The writer of each citation format (kg.web.formats.CITATION_FORMATS names).
WRITERS = {"bibtex": bibtex, "csljson": csl_json, "ris": ris, "bibliography": bibliography}
