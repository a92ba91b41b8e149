"""Dates, numbers and interface words in English, French and Spanish (Babel/CLDR)."""
import datetime as dt

from upr.i18n import format_day, format_month, format_number, format_range, state_name, t


def test_session_48_dates_in_three_languages():
    start, end = dt.date(2025, 1, 20), dt.date(2025, 1, 31)
    assert format_range(start, end, "en") == "20–31 January 2025"
    assert format_range(start, end, "fr") == "20–31 janvier 2025"
    assert format_range(start, end, "es") == "20–31 de enero de 2025"


def test_ranges_across_months_and_years_and_single_days():
    assert format_range(dt.date(2024, 11, 4), dt.date(2024, 12, 2), "en") == "4 November – 2 December 2024"
    assert format_range(dt.date(2024, 12, 30), dt.date(2025, 1, 2), "fr") == "30 décembre 2024 – 2 janvier 2025"
    assert format_range(dt.date(2025, 7, 2), dt.date(2025, 7, 2), "es") == "2 de julio de 2025"
    assert format_day(dt.date(2025, 7, 2), "fr") == "2 juillet 2025"
    assert format_month(dt.date(2026, 5, 1), "es") == "mayo de 2026"


def test_numbers_and_fallbacks():
    assert format_number(61014, "en") == "61,014"
    assert format_number(61014, "es") == "61.014"
    assert format_number(61014, "fr").replace("\u202f", " ").replace("\xa0", " ") == "61 014"
    assert t("States", "fr") == "États" and t("States", "es") == "Estados"
    assert t("a phrase nobody translated", "fr") == "a phrase nobody translated"

    class S:
        iso3 = "DEU"
        names = {"en": {"short": "Germany"}, "fr": {"short": "Allemagne"}, "es": {"short": "Alemania"}}
    assert [state_name(S, lang) for lang in ("en", "fr", "es")] == ["Germany", "Allemagne", "Alemania"]
    S.names = {"en": {"short": "Germany"}}
    assert state_name(S, "fr") == "Germany"
