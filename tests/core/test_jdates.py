import datetime as dt

import pytest
from django.template import Context, Template

from apps.core.jdates import format_era_date, format_time_range, gregorian_year

TOKYO = dt.timezone(dt.timedelta(hours=9))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2022, 12, 20), "令和4年12月20日（火）"),
        (dt.date(2019, 5, 1), "令和元年5月1日（水）"),
        (dt.date(2019, 4, 30), "平成31年4月30日（火）"),
        (dt.date(2020, 1, 1), "令和2年1月1日（水）"),
        (dt.date(1989, 1, 8), "平成元年1月8日（日）"),
        (dt.date(1989, 1, 7), "昭和64年1月7日（土）"),
        (dt.date(1926, 12, 25), "昭和元年12月25日（土）"),
        (dt.date(1926, 12, 24), "大正15年12月24日（金）"),
    ],
)
def test_era_dates_at_the_boundaries(day, expected):
    assert format_era_date(day) == expected


def test_western_year_on_request():
    assert format_era_date(dt.date(2022, 12, 20), western=True) == "令和4年（2022年）12月20日（火）"


def test_era_year_back_to_gregorian():
    assert gregorian_year("令和", 1) == 2019
    assert gregorian_year("平成", 31) == 2019
    assert gregorian_year("昭和", 64) == 1989


def test_time_range():
    assert format_time_range(dt.time(15, 0), dt.time(16, 57)) == "15時00分～16時57分"
    assert format_time_range(dt.time(9, 30), None) == "9時30分～"


def test_template_filter_uses_tokyo_time():
    # 06:30 UTC on the 20th is 15:30 in Tokyo; 20:00 UTC on the 19th is already the 20th there.
    starts = dt.datetime(2022, 12, 19, 20, 0, tzinfo=dt.UTC)
    ends = dt.datetime(2022, 12, 19, 21, 57, tzinfo=dt.UTC)
    html = Template("{% load jdates %}{{ starts|era_date }}{% time_range starts ends %}").render(
        Context({"starts": starts, "ends": ends})
    )
    assert html == "令和4年12月20日（火）5時00分～6時57分"
