"""The fixed wording every synthetic report reuses: the executive board, the difficulties, the recommendations.

Each difficulty and recommendation has the words the article says (quoted by its fact), its
labels in Vietnamese and English, and its English text; a recommendation also names the
difficulty it answers.
"""

from __future__ import annotations

EXECUTIVE_BOARD = "Ban điều hành triển khai ứng dụng CNTT trong hoạt động của cơ quan nhà nước"
DIFFICULTIES = {  # kind -> (article words, label vi/en, text en)
    "funding": ("nguồn vốn", ("Khó khăn về nguồn vốn", "Funding"), "sources of funding"),
    "human-resources": ("nguồn nhân lực", ("Khó khăn về nguồn nhân lực", "Human resources"), "human resources"),
    "open-source-adoption": (
        "việc sử dụng mã nguồn mở còn thấp",
        ("Sử dụng mã nguồn mở còn thấp", "Low use of open source"),
        "the use of open source is still low",
    ),
    "email-use": (
        "tỉ lệ cán bộ công chức, viên chức dùng email còn ít",
        ("Ít cán bộ dùng email", "Little use of e-mail by staff"),
        "the share of officials, civil servants and public employees who use e-mail is still small",
    ),
}
RECOMMENDATIONS = {  # id -> (article words, label vi/en, text en, difficulty it answers)
    "annual-it-funding-regulation": (
        "cần có quy định về bố trí nguồn vốn cho ứng dụng và phát triển CNTT hàng năm",
        ("Quy định về bố trí nguồn vốn hàng năm cho CNTT", "Regulation on annual IT funding"),
        "there should be a regulation on allocating funds every year for the application and development of IT",
        "funding",
    ),
    "it-staff-support-policy": (
        "ban hành chính sách hỗ trợ cán bộ công chức, viên chức làm công tác CNTT trên địa bàn toàn quốc",
        ("Chính sách hỗ trợ cán bộ làm công tác CNTT", "Support policy for IT staff"),
        "issue a policy supporting officials, civil servants and public employees who do IT work, throughout the country",
        "human-resources",
    ),
    "open-source-guidance": (
        "có hướng dẫn cụ thể hơn về khuyến khích sử dụng phần mềm mã nguồn mở trong cơ quan nhà nước",
        ("Hướng dẫn về sử dụng mã nguồn mở", "Guidance on the use of open source"),
        "give more specific guidance on encouraging the use of open-source software in state agencies",
        "open-source-adoption",
    ),
    "email-use-regulation": (
        "có quy định bắt buộc sử dụng thư điện tử trong trao đổi công việc",
        ("Quy định bắt buộc dùng thư điện tử", "Mandatory use of e-mail"),
        "make the use of e-mail compulsory for official correspondence",
        "email-use",
    ),
}
