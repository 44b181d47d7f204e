"""A rule in words for the staff pages (German and English).

German weekdays are all masculine, so one phrase per pattern fits every
weekday; the portal shows concrete dates instead of these phrases.
"""

from django.utils.translation import gettext as _

from .models import Frequency, HoursRule, Weekday


def describe_rule(rule: HoursRule) -> str:
    return f"{_when(rule)}, {rule.start_time:%H:%M}–{rule.end_time:%H:%M}"


def _when(rule: HoursRule) -> str:
    if rule.frequency == Frequency.ONCE:
        return _("once on %(day)s") % {"day": f"{rule.starts_on:%d.%m.%Y}"}
    weekday = Weekday(rule.weekday or 0).label
    if rule.frequency == Frequency.MONTHLY:
        phrases = {
            1: _("every first %(weekday)s of the month"),
            2: _("every second %(weekday)s of the month"),
            3: _("every third %(weekday)s of the month"),
            4: _("every fourth %(weekday)s of the month"),
            -1: _("every last %(weekday)s of the month"),
        }
        return phrases[rule.week_of_month or 1] % {"weekday": weekday}
    if rule.interval == 1:
        return _("every %(weekday)s") % {"weekday": weekday}
    return _("every %(interval)s weeks on %(weekday)s") % {
        "interval": rule.interval,
        "weekday": weekday,
    }
