"""The pages' own words in Vietnamese and English, and numbers and periods written each language's way."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from jinja2 import pass_context

LANGUAGES = ("vi", "en")

STRINGS: dict[str, tuple[str, str]] = {  # key: (vi, en)
    "language": ("Ngôn ngữ", "Language"),
    "types": ("Loại", "Types"),
    "properties": ("Thuộc tính", "Properties"),
    "property": ("Thuộc tính", "Property"),
    "value": ("Giá trị", "Value"),
    "inverse": ("Những gì trỏ tới đây", "What points here"),
    "via": ("qua", "via"),
    "page": ("Trang", "Page"),
    "previous": ("Trang trước", "Previous"),
    "next": ("Trang sau", "Next"),
    "evidence": ("Bằng chứng trong văn bản gốc", "Evidence in the source text"),
    "see_in_source": ("xem trong văn bản", "see it in the source"),
    "quality": ("Ghi chú về chất lượng dữ liệu", "Data-quality notes"),
    "check_failed": ("Kiểm tra không đạt", "Check failed"),
    "check_passed": ("Kiểm tra đạt", "Check passed"),
    "figures": ("Số liệu", "Figures"),
    "source_text": ("Văn bản gốc", "Source text"),
    "facts_from_text": ("Các dữ kiện trích từ văn bản", "Facts drawn from the text"),
    "members_ontology": ("Các lớp và thuộc tính", "Classes and properties"),
    "members_scheme": ("Các khái niệm", "Concepts"),
    "members_graph": ("Các tài nguyên trong đồ thị", "Resources in this graph"),
    "other_forms": ("Dạng khác", "Other formats"),
    "external": ("liên kết ngoài", "external link"),
    "search": ("Tìm kiếm", "Search"),
    "search_placeholder": ("Tên, ví dụ: binh phuoc", "A name, e.g. binh phuoc"),
    "search_button": ("Tìm", "Search"),
    "results": ("Kết quả", "Results"),
    "no_results": ("Không tìm thấy kết quả nào.", "Nothing found."),
    "home_counts": ("Dữ liệu gồm những gì", "What the data holds"),
    "class": ("Lớp", "Class"),
    "count": ("Số lượng", "Count"),
    "examples": ("Tài nguyên tiêu biểu", "Example resources"),
    "questions": ("Câu hỏi mẫu (SPARQL)", "Example questions (SPARQL)"),
    "run": ("Chạy truy vấn", "Run the query"),
    "access": ("Truy cập dữ liệu", "Getting the data"),
    "endpoint": ("Điểm truy vấn SPARQL", "SPARQL endpoint"),
    "downloads": ("Tải về", "Downloads"),
    "ontology": ("Bộ từ vựng", "Ontology"),
    "shapes": ("Ràng buộc SHACL", "SHACL shapes"),
    "validation": ("Báo cáo kiểm định", "Validation report"),
    "void": ("Mô tả VoID", "VoID description"),
    "vocabularies": ("Bộ từ vựng và danh mục mã", "Vocabularies and code lists"),
    "graphs": ("Các đồ thị có tên", "Named graphs"),
    "triples": ("bộ ba", "triples"),
    "served": ("bộ ba qua điểm truy vấn SPARQL", "triples served by the SPARQL endpoint"),
    "served_parts": (
        "{data} bộ ba dữ liệu như trong các tệp tải về và {description} bộ ba mô tả bộ dữ liệu, tức void.ttl, trong đồ thị riêng",
        "{data} of data, as in the downloads, and {description} describing the dataset, as void.ttl, in a graph of their own",
    ),
    "version": ("Phiên bản", "Version"),
    "target": ("Áp dụng cho", "Applies to"),
    "path": ("Đường dẫn", "Path"),
    "constraints": ("Ràng buộc", "Constraints"),
    "message": ("Thông báo", "Message"),
    "severity": ("Mức độ", "Severity"),
    "conforms_yes": ("Dữ liệu thỏa mãn mọi ràng buộc.", "The data conforms to every shape."),
    "conforms_no": ("Dữ liệu KHÔNG thỏa mãn các ràng buộc.", "The data does NOT conform to the shapes."),
    "focus": ("Đối tượng", "Focus node"),
    "no_results_report": ("Không có vi phạm nào.", "No violations."),
    "reading": ("Cách hiểu của người biên tập", "Curator's reading"),
    "reading_note": (
        "Điều người biên tập suy ra từ bài viết, không phải điều bài viết nói thẳng.",
        "What the curator infers from the article, not what the article states.",
    ),
    "reading_reads": ("Cách hiểu này nói rằng", "This reading says"),
    "reason": ("Lý do", "Reason"),
    "error_detail": ("Chi tiết (tiếng Anh)", "Details"),
    "error_home": ("Về trang chủ", "Back to the home page"),
    "according_to": ("Theo", "According to"),
    "presented_at": ("trình bày tại", "presented at"),
    "own_words": ("Lời của chính bài viết: bài không ghi đây là theo báo cáo nào.", "The article's own words: it credits them to no report."),
}


def t(key: str, lang: str) -> str:
    """A UI string in `lang` (Vietnamese for any language we do not have)."""
    vi, en = STRINGS[key]
    return en if lang == "en" else vi


def other_language(lang: str) -> str:
    return "en" if lang == "vi" else "vi"


def format_number(value, lang: str) -> str:
    """A number the way each language writes it: 3.339 and 12,5 in Vietnamese, 3,339 and 12.5 in English."""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if number == number.to_integral_value():
        text = f"{int(number):,}"
    else:
        text = f"{number.normalize():,f}"
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def format_period(text: str, lang: str) -> str:
    """An xsd:gYearMonth ('2012-12') or xsd:date in words: 'tháng 12/2012', 'December 2012'."""
    parts = text.split("-")
    if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        year, month = parts[0], int(parts[1])
        day = int(parts[2]) if len(parts) == 3 and parts[2].isdigit() else None
        if lang == "en":
            return f"{day} {MONTHS_EN[month - 1]} {year}" if day else f"{MONTHS_EN[month - 1]} {year}"
        return f"ngày {day}/{month}/{year}" if day else f"tháng {month}/{year}"
    return text


@pass_context
def tr(context, key: str) -> str:
    """The template function `tr('key')`: the UI string in the page's `lang`."""
    return t(key, context.get("lang") or "vi")
