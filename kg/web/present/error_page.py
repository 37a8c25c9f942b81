"""The words of an HTML error page in Vietnamese and English: a title and an explanation per status.

The specific message of an error (what was wrong with this request) is written by the code that
raised it, in English; the page keeps it under its translated title and explanation. JSON and
plain-text error bodies do not come here: programs read the status, the English title and the message.
"""

from __future__ import annotations

from kg.web.present.i18n import t

#: status: ((vi title, en title), (vi explanation, en explanation))
WORDS: dict[int, tuple[tuple[str, str], tuple[str, str]]] = {
    400: (
        ("Yêu cầu không hợp lệ", "Bad request"),
        (
            "Máy chủ không hiểu yêu cầu này: một tham số bị thiếu hoặc bị sai.",
            "The server could not understand this request: a parameter is missing or wrong.",
        ),
    ),
    404: (
        ("Không tìm thấy", "Not found"),
        (
            "Không có trang hay tài nguyên nào ở địa chỉ này. Hãy kiểm tra lại đường dẫn, hoặc tìm kiếm từ trang chủ.",
            "There is no page or resource at this address. Check the link, or search from the home page.",
        ),
    ),
    405: (
        ("Phương thức không được phép", "Method not allowed"),
        ("Địa chỉ này không nhận phương thức HTTP đã dùng.", "This address does not accept the HTTP method used."),
    ),
    406: (
        ("Không có định dạng phù hợp", "Not acceptable"),
        (
            "Địa chỉ này không có định dạng nào mà trình duyệt hay chương trình của bạn chấp nhận.",
            "This address has no format that your browser or program accepts.",
        ),
    ),
    408: (("Quá thời gian chờ", "Request timeout"), ("Yêu cầu chạy lâu hơn thời gian cho phép.", "The request took longer than the time allowed.")),
    413: (
        ("Yêu cầu quá lớn", "Payload too large"),
        ("Nội dung gửi lên lớn hơn giới hạn của máy chủ.", "The request body is larger than the server accepts."),
    ),
    414: (
        ("Địa chỉ quá dài", "URI too long"),
        (
            "Địa chỉ của yêu cầu dài hơn giới hạn của máy chủ; hãy gửi truy vấn dài bằng POST.",
            "The address of the request is longer than the server accepts; send a long query by POST.",
        ),
    ),
    415: (
        ("Kiểu nội dung không được hỗ trợ", "Unsupported media type"),
        ("Máy chủ không đọc được kiểu nội dung đã gửi.", "The server cannot read the kind of content that was sent."),
    ),
    429: (
        ("Quá nhiều yêu cầu", "Too many requests"),
        (
            "Bạn đã gửi quá nhiều yêu cầu trong một thời gian ngắn. Vui lòng đợi một lát rồi thử lại.",
            "You have sent too many requests in a short time. Please wait a moment and try again.",
        ),
    ),
    500: (
        ("Lỗi máy chủ", "Internal error"),
        ("Máy chủ gặp lỗi khi trả lời yêu cầu này; lỗi đã được ghi lại.", "The server failed to answer this request; it has been logged."),
    ),
    503: (
        ("Dịch vụ tạm thời không sẵn sàng", "Service unavailable"),
        ("Dịch vụ tạm thời không trả lời được. Vui lòng thử lại sau.", "The service cannot answer right now. Please try again later."),
    ),
}

_OTHER = ("Không trả lời được yêu cầu này.", "The request could not be answered.")


def error_words(status: int, title: str, lang: str) -> dict[str, str]:
    """The page's words in `lang`: title and explanation of the status (`title` for a status we have no words for)."""
    en = lang == "en"
    titles, explanations = WORDS.get(status, ((title, title), _OTHER))
    return {"title": titles[en], "explanation": explanations[en], "detail": t("error_detail", lang), "home": t("error_home", lang)}
