"""Remove contact details and identifying numbers from a question before it is stored.

People write to the bot from dangerous situations and sometimes paste a phone number, an e-mail
address, a document number or a Telegram handle into their question. Staff need the wording of the
question, never these, so they are replaced with placeholders before anything reaches the database.
Scrubbing errs on the side of removing too much (a long amount written with spaces may become [phone]).
"""

import re

# The look-behinds let a match start only at the beginning of a run, keeping scrubbing linear in the text.
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# t.me links and @handles: a Telegram username identifies a person as well as a phone number does.
TELEGRAM_LINK = re.compile(r"(?:https?://)?(?:t|telegram)\.me/[\w+/-]+", re.IGNORECASE)
USERNAME = re.compile(r"(?<![\w@])@\w{2,}")
# A run of digits with single separators, e.g. "+380 67 123 45 67", "(067) 123-45-67", "24.02.2022".
# Which of these are phone numbers is decided by _phone() from the digits, not by the regex.
NUMBERISH = re.compile(r"(?<![\w+])\+?\(?\d+\)?(?:[ \u00a0.\-]?\(?\d+\)?)*")
LONG_DIGITS = re.compile(r"\d{6,}")
PLACEHOLDERS = ("[phone]", "[email]", "[user]", "[number]")  # what scrub() puts in place of a removed detail


def _phone(match: re.Match[str]) -> str:
    candidate = match.group()
    digits = re.sub(r"\D", "", candidate)
    separated = not candidate.lstrip("+").isdigit()
    is_phone = (
        (candidate.startswith("+") and len(digits) >= 7)
        or (separated and len(digits) >= 9)  # a date has at most 8 digits
        or (len(digits) == 10 and digits.startswith("0"))  # Ukrainian national format 0XXXXXXXXX
        or (len(digits) == 12 and digits.startswith("380"))
    )
    return "[phone]" if is_phone else candidate


def scrub(text: str) -> str:
    """Return text with phones, e-mails, @usernames / t.me links and runs of 6+ digits replaced."""
    text = EMAIL.sub("[email]", text)
    text = TELEGRAM_LINK.sub("[user]", text)
    text = USERNAME.sub("[user]", text)
    text = NUMBERISH.sub(_phone, text)
    return LONG_DIGITS.sub("[number]", text)
