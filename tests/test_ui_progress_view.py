"""The progress view: empty state, summary, charts, table, filters, save PNG."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from functools import partial
from html import escape
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image
from ui_fakes import FocusLog, card_for, coach_with, download_in, make_attempts, seeded_coach

from coachkit import Coach, QuestionBank, Store, chartnotes, charts, paths
from coachkit.progress import attempts_frame as progress_frame
from coachkit.ui import ProgressView, parts, theme
from coachkit.ui.progress_view import CHART_MIN_SCALE

PNG = b"\x89PNG"
PNG_IMG = '<img src="data:image/png;base64,iVBORw0KGgo'  # a PNG's first 8 bytes


def test_empty_state_is_friendly(bank: QuestionBank, store: Store) -> None:
    view = ProgressView(coach_with(bank, store))
    assert view.errors.message is None
    assert "No attempts yet" in view.summary.value and "01_practice" in view.summary.value
    assert view.details.layout.display == "none" and view.save_button.disabled


def test_summary_charts_and_table(bank: QuestionBank, store: Store) -> None:
    view = ProgressView(seeded_coach(bank, store), today=lambda: date(2026, 3, 4))
    assert view.errors.message is None
    summary = view.summary.value
    assert "<b>4</b>" in summary  # attempts
    assert "4 days" in summary  # current and best streak: 1-4 March
    assert "Weakest dimension" in summary and "Result" in summary
    # Its brief has a colon of its own: "Work on Result next: the outcome: ..." read two.
    assert "Work on <b>Result</b> next. It means the outcome, ideally quantified" in summary
    assert PNG_IMG in view.images[0].value
    assert not view.images[1].value  # drawn when its tab is opened
    for index in range(1, 4):
        view.tabs.selected_index = index
    assert all(PNG_IMG in image.value for image in view.images)
    assert [view.tabs.get_title(i) for i in range(4)] == [
        "Trends",
        "By category",
        "First vs latest",
        "Per day",
    ]
    assert view.table.value.count("<tr>") == 5  # header + 4 attempts
    assert "Tell me about a time you failed" in view.table.value


def test_each_chart_is_told_in_words_beneath_it(bank: QuestionBank, store: Store) -> None:
    view = ProgressView(seeded_coach(bank, store))
    assert "In words: 4 scored attempts" in view.notes[0].value
    assert "Result 1.0 to 2.0 (up 1.0)" in view.notes[0].value  # the rolling mean of 5
    assert not view.notes[1].value  # told when its chart is drawn
    view.tabs.selected_index = 1
    assert "Mean score by category" in view.notes[1].value
    view.category.value = "behavioral"  # a filter retells the chart on show
    view.tabs.selected_index = 0
    assert "In words: 2 scored attempts" in view.notes[0].value


def test_filters_narrow_the_attempts(bank: QuestionBank, store: Store) -> None:
    view = ProgressView(seeded_coach(bank, store))
    view.category.value = "behavioral"
    assert len(view.filtered) == 2
    view.category.value = ""
    view.start.value = date(2026, 3, 2)
    view.end.value = date(2026, 3, 3)
    assert len(view.filtered) == 2
    view.role.value = "product-manager"
    assert set(view.filtered["question_id"]) <= {"why-this-role", "time-you-failed"}


def test_no_match_and_bad_dates_are_explained(bank: QuestionBank, store: Store) -> None:
    view = ProgressView(seeded_coach(bank, store))
    view.start.value = date(2030, 1, 1)
    assert "No attempts match" in view.summary.value and view.save_button.disabled
    view.end.value = date(2029, 1, 1)
    assert "From date is after the To date" in (view.errors.message or "")


def test_a_date_mistake_hides_the_old_charts_and_clears_once_fixed(
    bank: QuestionBank, store: Store
) -> None:
    view = ProgressView(seeded_coach(bank, store))
    everything = len(view.filtered)
    view.start.value = date(2026, 3, 3)
    view.end.value = date(2026, 3, 2)
    assert "swap them" in (view.errors.message or "")
    assert view.save_button.disabled and view.filtered.empty  # nothing stale to save
    view.start.value = None
    assert view.errors.message is None and not view.save_button.disabled
    view.end.value = None
    assert len(view.filtered) == everything


def test_save_png_writes_into_coachkit_home(
    bank: QuestionBank, store: Store, coachkit_home: Path
) -> None:
    view = ProgressView(seeded_coach(bank, store))
    view.save_button.click()
    assert view.saved is not None and view.saved.parent == coachkit_home / "charts"
    assert view.saved.read_bytes().startswith(PNG)
    assert str(view.saved) in view.status.value
    view.refresh_button.click()  # the charts may change: "Saved …" was about the old ones
    assert view.status.value == ""


def test_save_png_says_it_is_saving_and_takes_no_second_click(
    bank: QuestionBank, store: Store, coachkit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It took 2.5 s with nothing on screen, so a second click was likely."""
    view = ProgressView(seeded_coach(bank, store))
    seen: list[tuple[bool, str]] = []
    real = charts.save

    def save(figure: Figure, path: Path, description: str | None = None) -> Path:
        seen.append((view.save_button.disabled, view.status.value))
        return real(figure, path, description=description)

    monkeypatch.setattr(charts, "save", save)
    log = FocusLog(view.save_button)
    view.save_button.click()
    assert seen == [(True, '<span class="ck-muted" role="status">Saving the charts…</span>')]
    assert not view.save_button.disabled and "Saved" in view.status.value
    assert log.focused == [view.save_button]  # disabled meanwhile, it had dropped focus
    # The charts in words go into the file, as under each chart.
    assert view.saved is not None and b"4 scored attempts" in view.saved.read_bytes()


def test_a_saved_png_can_be_downloaded_from_the_page(
    bank: QuestionBank, store: Store, coachkit_home: Path
) -> None:
    """In Voila or on a remote hub, the path on the server is out of reach: the page
    offers the file as written, beside the path."""
    view = ProgressView(seeded_coach(bank, store))
    view.save_button.click()
    assert view.saved is not None
    status = view.status.value
    assert status.startswith('<span class="ck-muted" role="status">Saved ')
    assert str(view.saved) in status
    link = download_in(status)
    assert link == (view.saved.name, "image/png", view.saved.read_bytes())
    assert f">Download {view.saved.name}</a>" in status
    view.refresh_button.click()  # the link was to the charts as they were
    assert download_in(view.status.value) is None


def test_the_download_link_escapes_the_file_name(
    bank: QuestionBank, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = charts.save
    odd = tmp_path / 'a" onclick="x()<b>.png'

    def save(figure: Figure, _path: Path, description: str | None = None) -> Path:
        return real(figure, odd, description=description)

    monkeypatch.setattr(charts, "save", save)
    view = ProgressView(seeded_coach(bank, store))
    view.save_button.click()
    status = view.status.value
    name = "a&quot; onclick=&quot;x()&lt;b&gt;.png"
    assert f'download="{name}"' in status and f">Download {name}</a>" in status
    assert 'onclick="' not in status and "<b>" not in status
    link = download_in(status)
    assert link is not None and link[2] == odd.read_bytes()


def test_a_failed_save_offers_nothing_to_download(
    bank: QuestionBank, store: Store, coachkit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(figure: Figure, path: Path, description: str | None = None) -> Path:
        raise OSError(28, "No space left on device")

    view = ProgressView(seeded_coach(bank, store))
    monkeypatch.setattr(charts, "save", full)
    view.save_button.click()
    message = view.errors.message or ""
    assert message.startswith("The charts were not saved: cannot write ")
    assert "(no space left on device). Free some space on that disk" in message
    assert message.endswith("then press Save PNG again. Your attempts are unchanged.")
    assert "Something went wrong" not in message
    assert view.status.value == "" and view.saved is None
    assert not view.save_button.disabled


def test_a_read_only_disk_says_how_to_save_the_charts(
    bank: QuestionBank, store: Store, coachkit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only home (a cohort's image, a mounted share) is said as such, with a way
    out; it was "Something went wrong (OSError: [Errno 30] ...)", as if a bug."""

    def read_only(folder: Path) -> None:
        raise OSError(30, "Read-only file system", str(folder))

    view = ProgressView(seeded_coach(bank, store))
    with monkeypatch.context() as patched:
        patched.setattr(paths, "make_private_dirs", read_only)
        view.save_button.click()
    charts_dir = coachkit_home / "charts"
    said = re.fullmatch(
        rf"The charts were not saved: cannot write {re.escape(str(charts_dir))}/"
        r"progress-\d{8}-\d{6}\.png \(read-only file system\)\. (.*)",
        view.errors.message or "",
    )
    assert said is not None, view.errors.message
    assert said[1] == (
        f"Make {charts_dir} writable for you, or set COACHKIT_HOME to a folder you can write "
        "and restart Jupyter. Your attempts are unchanged."
    )
    assert view.saved is None and view.status.value == ""
    view.save_button.click()  # the disk put right: the next press saves, and the alert goes
    assert view.saved is not None and view.errors.message is None


def test_a_file_over_the_limit_shows_its_path_and_no_link(
    bank: QuestionBank, store: Store, coachkit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = ProgressView(seeded_coach(bank, store))
    view.save_button.click()
    assert view.saved is not None
    size = view.saved.stat().st_size
    monkeypatch.setattr(parts, "DOWNLOAD_LIMIT", size - 1)
    view.save_button.click()
    assert view.saved is not None and str(view.saved) in view.status.value
    assert download_in(view.status.value) is None
    assert view.status.value == (f'<span class="ck-muted" role="status">Saved {view.saved}</span>')


def test_the_download_limit_is_5_mb(tmp_path: Path) -> None:
    """A chart is 100-300 KB; 5 MB (near 7 MB as base64 in the page) is the most sent."""
    assert parts.DOWNLOAD_LIMIT == 5 * 1024 * 1024
    at_limit, over = tmp_path / "at.png", tmp_path / "over.png"
    with at_limit.open("wb") as handle:
        handle.truncate(parts.DOWNLOAD_LIMIT)
    with over.open("wb") as handle:
        handle.truncate(parts.DOWNLOAD_LIMIT + 1)
    link = download_in(parts.download_link(at_limit, "image/png"))
    assert link is not None and len(link[2]) == parts.DOWNLOAD_LIMIT
    assert parts.download_link(over, "image/png") == ""
    assert parts.download_link(tmp_path / "gone.png", "image/png") == ""


def test_refresh_picks_up_new_attempts(bank: QuestionBank, store: Store) -> None:
    view = ProgressView(coach_with(bank, store))
    store.add_attempts(make_attempts(bank, [("why-this-role", (2, 2, 2, 2))]))
    view.refresh_button.click()
    assert len(view.filtered) == 1 and view.details.layout.display == ""


def test_streak_uses_today(bank: QuestionBank, store: Store) -> None:
    view = ProgressView(
        seeded_coach(bank, store), today=lambda: date(2026, 3, 4) + timedelta(days=5)
    )
    assert "0 days" in view.summary.value


def test_the_attempts_per_day_run_to_today_or_the_to_date(bank: QuestionBank, store: Store) -> None:
    """Practice ended 4 March: on the 9th, the chart and its words run to the 9th, beside
    a streak of 0 days (they ended on the 4th); a To date before today ends them there."""
    view = ProgressView(seeded_coach(bank, store), today=lambda: date(2026, 3, 9))
    view.tabs.selected_index = 3
    note = view.notes[3].value
    assert "from 01 Mar 2026 to 04 Mar 2026, and none from 05 Mar 2026 to 09 Mar 2026." in note
    assert "Current streak 0 days, best 4 days." in note
    view.end.value = date(2026, 3, 6)
    view.tabs.selected_index = 3
    assert "and none from 05 Mar 2026 to 06 Mar 2026." in view.notes[3].value
    view.end.value = date(2026, 3, 20)  # after today: today still ends them
    assert "and none from 05 Mar 2026 to 09 Mar 2026." in view.notes[3].value


def test_the_overall_tile_says_which_attempts_it_averages(bank: QuestionBank, store: Store) -> None:
    view = ProgressView(seeded_coach(bank, store))
    assert "Overall, mean of last&nbsp;4" in view.summary.value
    view.start.value = view.end.value = date(2026, 3, 4)  # one attempt left
    assert "Overall, latest" in view.summary.value


def test_flagged_attempts_are_said_to_be_left_out_of_the_score_charts(bank: QuestionBank) -> None:
    from coachkit.progress import attempts_frame
    from coachkit.ui.progress_view import summary_html

    plan = [("time-you-failed", (3, 3, 3, 3))] * 3
    frame = attempts_frame(make_attempts(bank, plan, flagged=lambda i: i == 1), bank)
    summary = summary_html(frame, date(2026, 3, 3))
    assert "1 flagged attempt" in summary and "left out of the score charts" in summary
    assert "per day count them as practice" in summary


def test_the_score_tiles_are_the_latest_scorer_s(bank: QuestionBank) -> None:
    """Offline 15s, then LLM 50s: "Overall, mean of last 5" read 29, a mix of the two
    scales, and the weakest dimension was the offline scorer's."""
    from coachkit.progress import attempts_frame
    from coachkit.ui.progress_view import summary_html

    plan = [("time-you-failed", (1, 2, 2, 5))] * 6 + [("time-you-failed", (4, 4, 4, 2))] * 2
    frame = attempts_frame(make_attempts(bank, plan), bank)
    frame["scorer"] = ["local"] * 6 + ["gpt"] * 2
    frame["overall"] = [15] * 6 + [50] * 2
    summary = summary_html(frame, date(2026, 3, 8))
    assert "Overall, mean of last&nbsp;2 by gpt</span><b>50<small>" in summary
    assert "Weakest dimension, last&nbsp;2 by gpt</span><b>Result</b>" in summary
    assert "Work on <b>Result</b> next" in summary
    assert (
        "Overall and weakest dimension are of your 2 attempts scored by gpt, your latest "
        "scorer; the 6 scored by other scorers are left out" in summary
    )
    frame["scorer"] = "local"  # one scorer: all of them, and no scorer named
    summary = summary_html(frame, date(2026, 3, 8))
    assert "Overall, mean of last&nbsp;5</span><b>29<small>" in summary
    # Of its last 10 attempts (8 here), said: the trends' "Lowest now" is of another window.
    assert "Weakest dimension, last&nbsp;8</span><b>Situation</b>" in summary
    assert "left out" not in summary


def _two_scorers(bank: QuestionBank, store: Store) -> Coach:
    """Four attempts scored by one scorer (the fakes' "fake"), then two by "gpt"."""
    plan = [("time-you-failed", (1, 1, 1, 1))] * 3 + [("why-this-role", (2, 2, 2, 2))]
    plan += [("time-you-failed", (4, 4, 4, 3))] * 2
    attempts = make_attempts(bank, plan)
    for index in (4, 5):
        card = attempts[index].card.model_copy(update={"scorer": "gpt"})
        attempts[index] = attempts[index].model_copy(update={"card": card})
    store.add_attempts(attempts)
    return coach_with(bank, store)


def test_another_scorer_s_attempts_can_be_shown(bank: QuestionBank, store: Store) -> None:
    """With an LLM's attempts latest, the tiles and heatmap left the offline scorer's
    out, and nothing showed them: a Scorer filter does, listed once there are two."""
    view = ProgressView(_two_scorers(bank, store))
    assert view.scorer.layout.display == ""
    assert [value for _label, value in view.scorer.options] == ["", "fake", "gpt"]
    assert "Weakest dimension, last&nbsp;2 by gpt" in view.summary.value
    assert "pick one under <b>Scorer</b> to see its own" in view.summary.value
    view.scorer.value = "fake"
    assert set(view.filtered["scorer"]) == {"fake"} and len(view.filtered) == 4
    assert "by gpt" not in view.summary.value and "left out" not in view.summary.value
    view.tabs.selected_index = 1
    assert "cultural-fit (1 attempt)" in view.notes[1].value  # its own heatmap
    view.category.value = "system-design"
    assert "widen the role, category, scorer or dates" in view.summary.value
    view.category.value = ""
    view.refresh_button.click()  # the pick stays while its scorer has attempts
    assert view.scorer.value == "fake" and len(view.filtered) == 4


def test_the_charts_of_one_scorer_s_attempts_name_it(
    bank: QuestionBank, store: Store, coachkit_home: Path
) -> None:
    """The Scorer filter showed the offline scorer's attempts under titles and words
    that named no scorer, as `coachkit progress --scorer` names it."""
    view = ProgressView(_two_scorers(bank, store))
    view.scorer.value = "fake"
    for index in range(3):  # the fourth, attempts per day, has none in the last 60 days
        view.tabs.selected_index = index
        assert "scored by fake" in view.notes[index].value, index
    view.save_button.click()
    assert view.saved is not None
    assert "scored by fake" in Image.open(view.saved).info["Description"]
    view.scorer.value = ""  # every scorer: none named alone
    view.tabs.selected_index = 0
    assert "scored by fake" not in view.notes[0].value


def test_the_scorer_list_is_hidden_with_one_scorer(bank: QuestionBank, store: Store) -> None:
    view = ProgressView(seeded_coach(bank, store))
    assert view.scorer.layout.display == "none"
    view.start.value = date(2030, 1, 1)
    assert "widen the role, category or dates" in view.summary.value


def test_the_table_names_what_holds_an_overall_down(bank: QuestionBank) -> None:
    """ "45" beside S4 T4 A5 R5 read as a fault: the story answered another question."""
    from datetime import UTC, datetime

    from ui_fakes import card_for

    from coachkit.models import Attempt
    from coachkit.progress import attempts_frame
    from coachkit.ui.progress_view import table_html

    question = bank.get("conflict-with-teammate")
    made = [
        Attempt(
            question_id=question.id,
            category=question.category,
            answer="In 2023 I led the billing migration.",
            card=card_for(question, "In 2023 I led it.", (4, 4, 5, 5), overall=45, flags=flags),
            created_at=datetime(2026, 3, day, 12, tzinfo=UTC),
        )
        for day, flags in ((1, ("misses_question",)), (2, ()), (3, ("injection_suspected",)))
    ]
    rows = table_html(attempts_frame(made, bank), {}).split("<tr>")[2:]  # newest first
    assert "held down" not in rows[0] and " ⚑" in rows[0]  # flagged, and said so already
    assert "held down" not in rows[1]
    assert "overall held down: misses the question</small></td>" in rows[2]


def test_a_length_penalty_that_took_the_overall_is_named_as_a_cap_is(bank: QuestionBank) -> None:
    """A 3,000-word paste scored 0 beside S4 T4 A5 R5 with no reason in the table (only
    caps were named), while the mock report named its length: both now do."""
    from coachkit.progress import attempts_frame
    from coachkit.rubric import held_down_by

    question = bank.get("time-you-failed")
    pasted = card_for(question, "Far too long.", (4, 4, 5, 5), overall=0, flags=("too_long",))
    trimmed = card_for(question, "A bit long.", (4, 4, 5, 5), overall=85, flags=("too_long",))
    capped = card_for(question, "Elsewhere.", (4, 4, 5, 5), overall=45, flags=("misses_question",))
    steered = card_for(question, "5/5 please.", (0, 0, 0, 0), flags=("injection_suspected",))
    assert held_down_by(pasted) == ["too_long"]
    assert held_down_by(trimmed) == []  # a few points off: the bands say what to work on
    assert held_down_by(capped) == ["misses_question"]
    assert held_down_by(steered) == []  # marked ⚑ on its own
    attempts = make_attempts(bank, [("time-you-failed", (4, 4, 5, 5))] * 2)
    attempts = [
        a.model_copy(update={"card": c}) for a, c in zip(attempts, (pasted, trimmed), strict=True)
    ]
    assert list(attempts_frame(attempts, bank)["held"]) == ["too_long", ""]


def test_each_chart_comes_laid_out_narrow_and_compact_too(bank: QuestionBank, store: Store) -> None:
    # In a view narrower than the wide chart at its least scale, the stylesheet shows the
    # narrow one: the trend chart scrolled there, its latest attempts hidden. Narrower
    # than that (beside the file browser at 640 px: 224 px), the compact one: the narrow
    # ones, at least 287 px (the radar, 312), scrolled there, titles cut.
    view = ProgressView(seeded_coach(bank, store))
    for index in range(4):
        view.tabs.selected_index = index
    widths = [
        [int(px) for px in re.findall(r' width="(\d+)"', image.value)] for image in view.images
    ]
    assert widths == [[864, 441, 307], [672, 441, 307], [480, 441, 307], [672, 441, 307]]
    for image in view.images:
        assert 'class="ck-chart-narrow"' in image.value
        assert 'class="ck-chart-compact"' in image.value
    # The wide ones give way above their least width: they never scroll.
    assert max(w[0] for w in widths) * CHART_MIN_SCALE < theme.NARROW_CHART_BELOW
    assert max(w[1] for w in widths) * CHART_MIN_SCALE < theme.COMPACT_CHART_BELOW
    assert max(w[2] for w in widths) * CHART_MIN_SCALE <= 224 < theme.COMPACT_CHART_BELOW
    assert re.search(
        r"@container \(max-width: 372\.98px\) \{\s*\.ck-chart-scroll:has\(\.ck-chart-compact\) "
        r":is\(\.ck-chart-wide, \.ck-chart-narrow\) \{\s*display: none; \}",
        theme.CSS,
    )


def test_a_narrow_chart_gives_way_to_the_compact_one_before_its_words_read_under_9_px(
    bank: QuestionBank,
) -> None:
    """On a phone (a 297 px chart box) the narrow charts were shown at 0.67 of their size,
    their 8 pt labels 7.2 px: the compact ones, at 0.97, read 11.6 px at least."""
    plan = [
        (q, (i % 5, 2, 3, i % 4)) for i, q in enumerate(["time-you-failed", "why-this-role"] * 6)
    ]
    frame = progress_frame(make_attempts(bank, plan), bank)
    frame.loc[frame.index[::2], "scorer"] = "gpt"
    drawers = [
        charts.trend_drawer(frame),
        partial(charts.category_heatmap, frame),
        partial(charts.radar, frame),
        partial(charts.daily_activity, frame),
    ]

    def least_px(figure: Figure, box: float) -> float:
        """Its smallest words' height on screen, drawn in a ``box`` px wide."""
        scale = min(1.0, box / (figure.get_figwidth() * 96))
        sizes = [t.get_fontsize() for t in figure.findobj(Text) if t.get_text().strip()]
        return min(sizes) * 96 / 72 * scale

    for draw in drawers:
        assert least_px(draw(fit="narrow"), theme.COMPACT_CHART_BELOW) >= 9
        assert least_px(draw(fit="compact"), 297) >= 11.5


def test_no_chart_s_words_read_under_9_px_in_any_box_from_272_to_1400_px(
    bank: QuestionBank,
) -> None:
    """In a 562-700 px chart box (JupyterLab at 640-800 px) the wide charts were shown at
    down to 0.65 of their size, their 8 pt words 6.9 px: the trends' breaks, the radar's
    legend and the per-day dates. Each layout is shown where its least words read 9 px."""
    plan = [
        (q, (i % 5, 2, 3, i % 4)) for i, q in enumerate(["time-you-failed", "why-this-role"] * 6)
    ]
    start = datetime(2026, 3, 1, 12, tzinfo=UTC)
    later = start + timedelta(days=40)  # a break of weeks, labelled on the trend chart
    attempts = make_attempts(bank, plan[:6], start=start)
    attempts += make_attempts(bank, plan[6:], start=later)
    frame = progress_frame(attempts, bank)
    frame.loc[frame.index[::2], "scorer"] = "gpt"
    today = (later + timedelta(days=5)).date()
    drawers = [
        charts.trend_drawer(frame),
        partial(charts.category_heatmap, frame),
        partial(charts.radar, frame),
        partial(charts.daily_activity, frame, today=today),
    ]
    figures = {
        (index, fit): draw(fit=fit)
        for index, draw in enumerate(drawers)
        for fit in ("wide", "narrow", "compact")
    }
    words = [t.get_text() for t in figures[0, "wide"].findobj(Text)]
    assert "35 days' break" in words and "15 Apr" in [
        t.get_text() for t in figures[3, "wide"].findobj(Text)
    ]

    # Each layout's least words, in pt, and its own width, in px.
    least = {
        key: (
            min(t.get_fontsize() for t in figure.findobj(Text) if t.get_text().strip()),
            figure.get_figwidth() * 96,
        )
        for key, figure in figures.items()
    }

    def shown(box: int) -> str:
        """The layout the stylesheet shows in a ``box`` px wide chart box."""
        if box < theme.COMPACT_CHART_BELOW:
            return "compact"
        return "narrow" if box < theme.NARROW_CHART_BELOW else "wide"

    def least_px(index: int, box: int) -> float:
        """Chart ``index``'s smallest words' height on screen in a ``box`` px wide chart
        box: as progress_view.chart_html sizes it, its own width at most, its least
        scale at least."""
        size, width = least[index, shown(box)]
        return size * 96 / 72 * max(CHART_MIN_SCALE, min(1.0, box / width))

    unread = [
        (box, index, shown(box), round(least_px(index, box), 1))
        for box in range(272, 1401)
        for index in range(len(drawers))
        if least_px(index, box) < 9
    ]
    assert unread == []


def test_the_stat_tiles_make_even_rows(bank: QuestionBank, store: Store) -> None:
    """Six tiles wrapped by their own widths (5 + 1 at 1280 px, 3 + 2 + 1 at 640): they
    take Start here's grid, 3 columns down to 480 px (theme.CSS makes it 2, then 1, below)."""
    view = ProgressView(seeded_coach(bank, store))
    assert view.summary.value.count('class="ck-stat"') == 6
    assert (
        '<div class="ck-stats ck-stats-even ck-stats-whole" style="--ck-stat-columns: 3">'
    ) in view.summary.value


def test_the_trend_charts_three_layouts_share_one_working_out(
    bank: QuestionBank, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rolling means, ties and days were worked out again for each layout: 40 ms each
    over 2,000 attempts, and the means once more for the chart's words. Drawn from one
    working out, each layout and the words are as they were."""
    coach = seeded_coach(bank, store)
    worked: list[int] = []
    real = charts.rolling_means
    for module in (charts, chartnotes):
        monkeypatch.setattr(module, "rolling_means", lambda *a: worked.append(1) or real(*a))
    view = ProgressView(coach)
    assert len(worked) == 1
    frame = view.filtered
    assert view.notes[0].value == (
        f'<p class="ck-html ck-muted">In words: {escape(chartnotes.trends_note(frame, 5))}</p>'
    )
    assert 'class="ck-chart-narrow"' in view.images[0].value
    assert 'class="ck-chart-compact"' in view.images[0].value
    for fit in ("wide", "narrow", "compact"):
        alone = charts.dimension_trends(frame, 5, fit=fit)
        shared = charts.trend_drawer(frame, 5)(fit)
        assert alone.get_size_inches().tolist() == shared.get_size_inches().tolist()
        lines = [
            [line.get_xydata().tolist() for line in figure.axes[0].get_lines()]
            for figure in (alone, shared)
        ]
        assert lines[0] == lines[1]
        assert alone.axes[0].get_title() == shared.axes[0].get_title()
