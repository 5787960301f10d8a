"""Server-rendered SVG charts for the stats page: small, themed by CSS, readable on a phone.

Each chart is an <svg role="img"> with a title and a one-sentence description; the page shows the
numbers as a table beside it, so nothing is only in a picture.
"""

from __future__ import annotations

from datetime import date
from html import escape

from markupsafe import Markup

from mockloop.practice.clock import clock_text
from mockloop.practice.schemas_progress import CalendarDay, CategoryTime, HitShareWeek, WeekAttempts

WIDTH = 400  # every chart's viewBox is this wide; CSS scales it to the column


def _svg(chart_id: str, height: int, title: str, desc: str, body: list[str]) -> Markup:
    head = (
        f'<svg class="chart" id="{chart_id}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" preserveAspectRatio="xMidYMid meet">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def short_day(day: date) -> str:
    """A day as 'Nov 3'."""
    return f"{day:%b} {day.day}"


def attempts_per_week(weeks: list[WeekAttempts]) -> Markup:
    """Bars: stopped attempts in each week."""
    left, top, bottom, height = 26, 14, 150, 172
    peak = max((w.attempts for w in weeks), default=0) or 1
    slot = (WIDTH - left - 4) / max(len(weeks), 1)
    body = [
        f'<line class="axis" x1="{left}" y1="{bottom}" x2="{WIDTH - 4}" y2="{bottom}"/>',
        f'<text class="tick" x="{left - 4}" y="{top + 4}" text-anchor="end">{peak}</text>',
        f'<text class="tick" x="{left - 4}" y="{bottom}" text-anchor="end">0</text>',
    ]
    for n, week in enumerate(weeks):
        x = left + n * slot + slot * 0.15
        bar = (bottom - top) * week.attempts / peak
        label = f"Week of {week.week.isoformat()}: {week.attempts} attempt{'s' if week.attempts != 1 else ''}"
        body.append(
            f'<rect class="bar" x="{_num(x)}" y="{_num(bottom - bar)}" width="{_num(slot * 0.7)}" '
            f'height="{_num(bar)}" data-week="{week.week.isoformat()}" data-value="{week.attempts}">'
            f"<title>{escape(label)}</title></rect>"
        )
        if week.attempts:
            body.append(
                f'<text class="value" x="{_num(x + slot * 0.35)}" y="{_num(bottom - bar - 3)}" '
                f'text-anchor="middle">{week.attempts}</text>'
            )
        if (len(weeks) - 1 - n) % 3 == 0:  # every third week, ending with this one
            body.append(
                f'<text class="tick" x="{_num(x + slot * 0.35)}" y="{height - 6}" '
                f'text-anchor="middle">{short_day(week.week)}</text>'
            )
    total = sum(w.attempts for w in weeks)
    desc = (
        f"{total} attempts in the last {len(weeks)} weeks; this week {weeks[-1].attempts}."
        if weeks
        else "No weeks to show."
    )
    return _svg("chart-weeks", height, "Attempts per week", desc, body)


def time_vs_target(rows: list[CategoryTime]) -> Markup:
    """Paired bars per category: average time used against the average target."""
    shown = [r for r in rows if r.attempts and r.average_seconds is not None]
    row_height = 46
    height = max(row_height * len(shown) + 8, 40)
    scale = max(
        (max(r.average_seconds or 0, r.average_target_seconds or 0) for r in shown), default=1
    )
    body: list[str] = []
    if not shown:
        body.append(
            f'<text class="empty" x="{WIDTH / 2}" y="24" text-anchor="middle">No stopped attempts yet</text>'
        )
    for n, row in enumerate(shown):
        y = n * row_height + 4
        used = row.average_seconds or 0
        target = row.average_target_seconds or 0
        over = used > target
        text = f"{row.category}: {clock_text(used)} of {clock_text(target)} on average"
        body += [
            f'<text class="label" x="0" y="{y + 12}">{escape(row.category)}</text>',
            f'<text class="tick" x="{WIDTH}" y="{y + 12}" text-anchor="end">'
            f"{clock_text(used)} / {clock_text(target)}</text>",
            f'<rect class="target" x="0" y="{y + 18}" width="{_num((WIDTH - 1) * target / scale)}" height="20" rx="3"/>',
            f'<rect class="used{" over" if over else ""}" x="0" y="{y + 22}" '
            f'width="{_num((WIDTH - 1) * used / scale)}" height="12" rx="2" data-category="{escape(row.category)}">'
            f"<title>{escape(text)}</title></rect>",
        ]
    desc = "; ".join(
        f"{r.category} {round((r.share_of_target or 0) * 100)}% of target" for r in shown
    )
    return _svg("chart-time", height, "Time used against target", desc or "No data yet.", body)


def hit_share_line(chart_id: str, category: str, weeks: list[HitShareWeek]) -> Markup:
    """One category's share of key points hit, week by week (gaps where nothing was marked)."""
    left, top, bottom, height = 38, 8, 58, 76
    step = (WIDTH - left - 8) / max(len(weeks) - 1, 1)
    body = [
        f'<line class="grid" x1="{left}" y1="{top}" x2="{WIDTH - 4}" y2="{top}"/>',
        f'<line class="grid" x1="{left}" y1="{(top + bottom) / 2}" x2="{WIDTH - 4}" y2="{(top + bottom) / 2}"/>',
        f'<line class="axis" x1="{left}" y1="{bottom}" x2="{WIDTH - 4}" y2="{bottom}"/>',
        f'<text class="tick" x="{left - 4}" y="{top + 4}" text-anchor="end">100%</text>',
        f'<text class="tick" x="{left - 4}" y="{bottom}" text-anchor="end">0%</text>',
    ]
    segment: list[str] = []
    segments: list[list[str]] = []
    for n, week in enumerate(weeks):
        if week.hit_share is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        x, y = left + n * step, bottom - (bottom - top) * week.hit_share
        segment.append(f"{_num(x)},{_num(y)}")
        label = (
            f"{category}, week of {week.week.isoformat()}: {round(week.hit_share * 100)}% of "
            f"{week.key_points_marked} key points hit"
        )
        body.append(
            f'<circle class="dot cat-{escape(category)}" cx="{_num(x)}" cy="{_num(y)}" r="3.5" '
            f'data-week="{week.week.isoformat()}" data-value="{week.hit_share}"><title>{escape(label)}</title></circle>'
        )
    if segment:
        segments.append(segment)
    for points in segments:
        if len(points) > 1:
            body.insert(
                5, f'<polyline class="line cat-{escape(category)}" points="{" ".join(points)}"/>'
            )
    for n, week in enumerate(weeks):
        if n in (0, len(weeks) - 1):
            anchor = "start" if n == 0 else "end"
            body.append(
                f'<text class="tick" x="{_num(left + n * step)}" y="{height - 4}" '
                f'text-anchor="{anchor}">{short_day(week.week)}</text>'
            )
    known = [w for w in weeks if w.hit_share is not None]
    desc = (
        f"Latest week with marks: {round(known[-1].hit_share * 100)}% hit."  # type: ignore[operator]
        if known
        else "No key points marked in these weeks."
    )
    return _svg(chart_id, height, f"Key points hit in {category}, per week", desc, body)


def calendar(days: list[CalendarDay], today: date) -> Markup:
    """A streak calendar: one square per day, a column per week, darker for more attempts."""
    if not days:
        return _svg("chart-calendar", 20, "Practice calendar", "No days.", [])
    cell, gap, left, top = 11, 3, 22, 16
    first = days[0].day
    weeks = (days[-1].day - first).days // 7 + 1
    height = top + 7 * (cell + gap)
    body = [
        f'<text class="tick" x="0" y="{top + 1 * (cell + gap) + cell - 2}">Tue</text>',
        f'<text class="tick" x="0" y="{top + 3 * (cell + gap) + cell - 2}">Thu</text>',
        f'<text class="tick" x="0" y="{top + 5 * (cell + gap) + cell - 2}">Sat</text>',
    ]
    step = (WIDTH - left) / weeks
    month = None
    for entry in days:
        column = (entry.day - first).days // 7
        row = entry.day.weekday()
        x = left + column * step
        if row == 0 and entry.day.month != month and column < weeks - 1:
            month = entry.day.month
            body.append(f'<text class="tick" x="{_num(x)}" y="{top - 5}">{entry.day:%b}</text>')
        level = 0 if entry.attempts == 0 else min(4, 1 + (entry.attempts - 1) // 2)
        label = (
            f"{entry.day.isoformat()}: {entry.attempts} attempt{'s' if entry.attempts != 1 else ''}"
        )
        body.append(
            f'<rect class="day lvl{level}{" today" if entry.day == today else ""}" x="{_num(x)}" '
            f'y="{top + row * (cell + gap)}" width="{cell}" height="{cell}" rx="2" '
            f'data-day="{entry.day.isoformat()}" data-value="{entry.attempts}"><title>{escape(label)}</title></rect>'
        )
    active = sum(1 for d in days if d.attempts)
    desc = f"{active} days with practice between {first.isoformat()} and {today.isoformat()}."
    return _svg("chart-calendar", height, "Practice calendar", desc, body)
