"""Look and feel: one stylesheet built on JupyterLab's CSS variables.

Colours come from the theme (``--jp-*``), so every view reads well in light and
dark JupyterLab and in Voila; tints use alpha so the theme's text colour stays
readable on top of them. Fallbacks cover pages without JupyterLab's variables.
"""

from __future__ import annotations

import itertools

from ..models import Dimension
from ..rubric import DIMENSION_COLORS

__all__ = [
    "COMPACT_CHART_BELOW",
    "CSS",
    "DIFF_TINTS",
    "DIMENSION_COLORS",
    "DIMENSION_LETTERS",
    "NARROW_CHART_BELOW",
    "STACK_LABELS_BELOW",
    "style_tag",
]

DIMENSION_LETTERS: dict[Dimension, str] = {
    "situation": "S",
    "task": "T",
    "action": "A",
    "result": "R",
}
# The dark theme's own shades of the four, for the card's bars, underlines and chips:
# each the colour a chart shows there (see the chart filter below), lightened where that
# was under 3:1 on the dark track (amber, green), so bars and charts match in each theme.
_DARK_COLORS: dict[Dimension, str] = {
    "situation": "#86AAEE",
    "task": "#C8902A",
    "action": "#33B58A",
    "result": "#E29ACD",
}
_ALPHA: dict[Dimension, float] = {"situation": 0.22, "task": 0.26, "action": 0.24, "result": 0.26}


def _rgba(colour: str, alpha: float) -> str:
    rgb = colour.lstrip("#")
    r, g, b = (int(rgb[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r}, {g}, {b}, {alpha})"


def _tint(dimension: Dimension) -> str:
    """The dimension's colour, faint enough for text on it to keep the theme's contrast."""
    return _rgba(DIMENSION_COLORS[dimension], _ALPHA[dimension])


_TINTS: dict[Dimension, str] = {d: _tint(d) for d in DIMENSION_COLORS}

# The rebuild's tints (results.rebuild_html): an edited line, a gap to fill, and the words
# put in, each in a STAR colour (amber, blue, green), the dark theme's shade there, as the
# card's bars are; they kept the palette the bars had left. Stronger on the dark page, where
# a tenth of a colour barely showed. Text on each: 9.9:1 or more in the light theme, 4.9:1
# or more in the dark one, words put in on a gap on its lightest grey (tests/test_ui_theme.py).
DIFF_TINTS: dict[str, tuple[Dimension, float, float]] = {
    ".ck-edited": ("task", 0.12, 0.18),
    ".ck-placeholder": ("situation", 0.10, 0.16),
    "ins": ("action", 0.25, 0.25),
}
_DIFF_RULES = "\n".join(
    f".ck-diff {part} {{ background: {_rgba(DIMENSION_COLORS[d], light)}; }}\n"
    f'body[data-jp-theme-light="false"] .ck-diff {part} {{ '
    f"background: {_rgba(_DARK_COLORS[d], dark)}; }}"
    for part, (d, light, dark) in DIFF_TINTS.items()
)

# Below this chart box width, in CSS px, the charts drawn narrow as well are shown instead
# of the wide ones: the widest (the 9-inch trend chart, 864 px) would be shown under 0.75
# of its size, its least words (9 pt, charts._LEAST_PT) under 9 px. It was its least width
# (0.65 of 864 px, 562 px), where its 8 pt words read 6.9 px in a 562-700 px box.
NARROW_CHART_BELOW = 648
# And below this, the charts laid out compact are shown: the narrow ones' least words,
# 8 pt (10.7 px at their own 442 px), read under 9 px in a narrower box, as on a phone
# (297 px: 7.2 px, where the compact ones read 11.6 px at least). It was their least
# width (0.65 of 442 px, 287 px), below which they scrolled. (Their least words are 9 pt
# now, as the wide ones': 10.2 px here.)
COMPACT_CHART_BELOW = 373

#: Below this view width (CSS px) a labelled field's label stands above it (a phone).
STACK_LABELS_BELOW = 480
# The labelled fields that stack: text, number and date boxes, dropdowns, the answer box
# (a checkbox's label reads after it and stays beside it).
# Practice, Mock interview and Settings: their forms (Progress keeps its filter grid).
_STACK_IN = ":is(.coachkit-practice, .coachkit-mock, .coachkit-settings)"
_STACKED = (
    ":is(.widget-dropdown, .widget-text, .widget-textarea, .widget-datepicker)"
    ":has(> .widget-label:not(:empty))"
)

_FG = "var(--jp-ui-font-color1, #1f1f1f)"
_FG2 = "var(--jp-ui-font-color2, #555)"
_BG = "var(--jp-layout-color1, #fff)"
_BG2 = "var(--jp-layout-color2, #f3f3f3)"
_BORDER = "var(--jp-border-color2, #d0d0d0)"
_FONT = "var(--jp-ui-font-family, system-ui, -apple-system, 'Segoe UI', sans-serif)"
_MONO = "var(--jp-code-font-family, ui-monospace, monospace)"


def _shared_mark_rules() -> str:
    """Marks for a quote that is evidence for several dimensions: a band of each tint,
    one underline per dimension, so none of them hides behind another."""
    rules = []
    order = list(DIMENSION_LETTERS)
    for size in range(2, len(order) + 1):
        for combo in itertools.combinations(order, size):
            step = 100 / size
            bands = ", ".join(
                f"{_TINTS[d]} {i * step:.4g}% {(i + 1) * step:.4g}%" for i, d in enumerate(combo)
            )
            # The first shadow is drawn on top: the thinnest (the last dimension) goes first.
            lines = ", ".join(
                f"inset 0 -{2 * (i + 1)}px var(--ck-{d})" for i, d in enumerate(reversed(combo))
            )
            selector = "".join(f".ck-mark-{d}" for d in combo)
            rules.append(
                f"{selector} {{ background: linear-gradient(180deg, {bands}); "
                f"box-shadow: {lines}; }}"
            )
    return "\n".join(rules)


_DIMENSION_RULES = "\n".join(
    [
        *(
            f".ck-fill-{d} {{ background: var(--ck-{d}); }}\n"
            f".ck-mark-{d} {{ background: {_TINTS[d]}; box-shadow: inset 0 -2px var(--ck-{d}); }}\n"
            f".ck-chip-{d} {{ border-color: var(--ck-{d}); }}\n"
            f".ck-tag-{d} {{ border-bottom: 2px solid var(--ck-{d}); }}"
            for d in DIMENSION_COLORS
        ),
        ":root { " + " ".join(f"--ck-{d}: {c};" for d, c in DIMENSION_COLORS.items()) + " }",
        'body[data-jp-theme-light="false"] { '
        + " ".join(f"--ck-{d}: {c};" for d, c in _DARK_COLORS.items())
        + " }",
        _shared_mark_rules(),
    ]
)

# The glyphs JupyterLab's Font Awesome draws for the icons on coachkit's buttons
# (ipywidgets' ``icon=``; tests/e2e/test_a11y_names.py checks them in the browser).
_ICONS: dict[str, str] = {
    "calendar": "f073",
    "check": "f00c",
    "clock-o": "f017",
    "download": "f019",
    "flag-checkered": "f11e",
    "forward": "f04e",
    "history": "f1da",
    "hourglass-half": "f252",
    "life-ring": "f1cd",
    "microphone": "f130",
    "play": "f04b",
    "plug": "f1e6",
    "refresh": "f021",
    "repeat": "f01e",
    "save": "f0c7",
    "times": "f00d",
    "trash": "f2ed",
    "undo": "f0e2",
}
# A button's icon is drawn as text (its ::before), which a screen reader read as part of
# the button's name: "\uf021 Refresh", said as an unknown character or not at all. The
# same glyph with an empty alternative text ("/ ''") is drawn but not read; ipywidgets
# gives no way to mark the icon aria-hidden.
_ICON_RULES = "\n".join(
    f'.coachkit .jupyter-button i.fa-{name}::before {{ content: "\\{point}" / ""; }}'
    for name, point in _ICONS.items()
)

CSS = f"""
.coachkit {{ font-family: {_FONT}; color: {_FG}; max-width: 1180px; box-sizing: border-box; }}
.coachkit * {{ box-sizing: border-box; }}
/* Layout follows the view's own width (JupyterLab's side panels narrow it, not the window). */
.coachkit {{ container-type: inline-size; }}
/* Full-width widgets plus ipywidgets' side margins overflowed by 4px: a needless scrollbar. */
.coachkit .jupyter-widgets {{ margin-left: 0; margin-right: 0; }}
.coachkit .widget-label, .coachkit label {{ color: {_FG}; }}
/* A dropdown as wide as its longest choice ran past the view's edge at 200% zoom, cut off
   with its arrow: it now takes the room there is (its open list still shows each whole). */
.coachkit .widget-dropdown {{ max-width: 100%; }}
.coachkit .widget-dropdown > select {{ min-width: 0; }}
.coachkit .ck-row {{ gap: 4px 14px; }}
/* On a phone (a view under {STACK_LABELS_BELOW} px) a field's label goes above it and the
   field takes the line: beside it, "Answer" took 55 of the 345 px a 375 px screen leaves,
   and "Question" cut its choice to "[behavioral] Tell me about a time yo...". */
@container (max-width: {STACK_LABELS_BELOW - 0.02}px) {{
  {_STACK_IN} {_STACKED} {{ flex-direction: column;
    align-items: stretch; width: 100% !important; max-width: 100%; }}
  {_STACK_IN} {_STACKED}:not(.widget-textarea) {{ height: auto; }}
  {_STACK_IN} {_STACKED} > .widget-label {{ width: auto !important; max-width: none;
    text-align: left; margin: 0 0 2px; line-height: 1.4;
    height: auto; }}
  {_STACK_IN} {_STACKED} > :not(.widget-label) {{ width: 100%; max-width: 100%;
    margin-left: 0; margin-right: 0; flex: 0 0 auto;
    min-height: var(--jp-widgets-inline-height, 28px); }}
  /* ipywidgets' flex basis is a width: in a column it made each dropdown 148 px tall. */
  {_STACK_IN} {_STACKED}.widget-textarea > textarea {{ flex: 1 1 0; min-height: 0; }}
}}
/* Progress's filters in even columns: wrapped by their own widths, Rolling mean stood alone
   on a second line at 1280 px. 3 a row (2 rows), 2 at 640 px, 1 beside the file browser. */
.coachkit .coachkit-filters {{ display: grid; grid-template-columns: repeat(3, minmax(0, 1fr));
  align-items: center; }}
.coachkit .coachkit-filters > .jupyter-widgets {{ width: auto !important; min-width: 0; }}
@container (max-width: 700px) {{
  .coachkit .coachkit-filters {{ grid-template-columns: repeat(2, minmax(0, 1fr)); }}
}}
@container (max-width: 400px) {{
  .coachkit .coachkit-filters {{ grid-template-columns: minmax(0, 1fr); }}
}}
.ck-html {{ font-size: 13px; line-height: 1.5; color: {_FG}; }}
/* ipywidgets gives HTML the height of one control row; prose needs normal line spacing. */
.coachkit .widget-html.ck-html > .widget-html-content {{ line-height: 1.5; align-self: center; }}
.ck-html h3 {{ font-size: 15px; margin: 14px 0 6px; }}
.ck-html h4 {{ font-size: 13px; margin: 12px 0 4px; }}
.ck-html ul {{ margin: 4px 0 8px 18px; padding: 0; }}
.ck-html ul.ck-plain {{ list-style: none; margin-left: 0; }}
.ck-html p {{ margin: 4px 0; }}
.ck-header {{ display: flex; align-items: baseline; gap: 12px; flex-wrap: wrap; }}
.ck-header h2 {{ font-size: 20px; margin: 4px 0; }}
.ck-muted {{ color: {_FG2}; font-size: 12px; }}
.ck-panel {{ border: 1px solid {_BORDER}; border-radius: 8px; padding: 12px 16px;
  background: {_BG}; margin: 6px 0; }}
.ck-prompt {{ font-size: 17px; font-weight: 600; line-height: 1.4; margin: 6px 0 4px; }}
.ck-badge {{ display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 11px;
  border: 1px solid {_BORDER}; background: {_BG2}; color: {_FG}; margin-right: 4px; }}
.ck-note {{ border-left: 4px solid var(--jp-brand-color1, #1976d2); padding: 6px 10px;
  background: rgba(25, 118, 210, 0.08); border-radius: 4px; }}
.ck-warn {{ border-left: 4px solid var(--jp-warn-color1, #f57c00); padding: 6px 10px;
  background: rgba(245, 124, 0, 0.12); border-radius: 4px; margin: 4px 0; }}
/* A rescue that stopped says so under its button (Start here): drawn as an error too, where
   it was plain text, told from the lines around it by nothing. */
.coachkit-error .ck-error, .coachkit-store-problem .ck-error,
.coachkit-rescue-status .ck-error {{
  border-left: 4px solid var(--jp-error-color1, #d32f2f);
  padding: 8px 12px; background: rgba(211, 47, 47, 0.12); border-radius: 4px;
  font-size: 13px; color: {_FG}; }}
/* The error panel is a bare HTML widget, whose line is as tall as a control row: its
   lines stood 28px apart, as if double spaced. */
.coachkit-error .ck-error {{ line-height: 1.5; }}
.coachkit-result .ck-header {{ margin-top: 10px; }}
.ck-overall {{ font-size: 30px; font-weight: 700; line-height: 1; }}
.ck-overall small {{ font-size: 14px; font-weight: 400; color: {_FG2}; }}
.ck-dims {{ display: grid; grid-template-columns: 92px minmax(120px, 220px) 112px 1fr;
  gap: 6px 12px; align-items: center; margin: 8px 0; }}
.ck-track {{ height: 12px; border-radius: 6px; background: {_BG2};
  border: 1px solid {_BORDER}; overflow: hidden; }}
.ck-fill {{ height: 100%; border-radius: 6px 0 0 6px; }}
/* Forced colours (Windows' high-contrast themes) drop background colours, which is all a
   bar is: every bar showed empty. It is drawn in the user's own text colour instead. */
@media (forced-colors: active) {{
  .ck-fill {{ forced-color-adjust: none; background: CanvasText !important; }}
}}
/* Each of these is a pre, on which JupyterLab's rule for outputs (white-space: pre-wrap;
   word-break: break-all; no padding or border) outweighed a class alone: in a 640 px window
   the config sample broke "os.environ" as "os.envi|ron", flush with its box's edge, and an
   answer kept to copy from broke its words too. Lines wrap at spaces, a word only where it
   is longer than the line, and a config line's wrapped part hangs in (8 characters, past
   the keys it is under), so it does not read as a YAML line of its own. */
.ck-answer, .coachkit pre.ck-answer {{ white-space: pre-wrap; word-break: normal;
  overflow-wrap: break-word; border: 1px solid {_BORDER}; border-radius: 6px;
  padding: 10px 12px; background: {_BG2}; max-height: 320px; overflow: auto; }}
.ck-code, .coachkit pre.ck-code {{ font-family: {_MONO}; font-size: 12.5px; line-height: 1.35;
  margin: 0; max-height: 380px; white-space: pre-wrap; word-break: normal;
  overflow-wrap: break-word; text-indent: 8ch hanging each-line; overflow: auto;
  border: 1px solid {_BORDER}; border-radius: 6px; padding: 10px 12px; background: {_BG2};
  color: {_FG}; }}
.ck-answer mark, .ck-legend mark {{ color: inherit; padding: 0 1px; border-radius: 2px; }}
/* The legend's line is muted; its letters sit on a tint, where muted text is below 4.5:1. */
.ck-legend mark {{ color: {_FG}; }}
/* The letter says the dimension in text; its colour only repeats the highlight's. On the
   page's own background, not the tint it follows: over the tint it fell to 4.1-4.4:1. */
.ck-tag {{ font-size: 11px; font-weight: 700; vertical-align: super; margin-left: 1px;
  color: {_FG}; background: {_BG}; border-radius: 2px; padding: 0 1px; }}
/* Said to a screen reader, not shown: "Situation evidence:" before a highlighted quote. */
.ck-sr {{ position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }}
/* A card under text edited since it was scored: still there, but not this text's (the
   status line above it says so). Grey, so its colours do not read as the new text's: dimmed
   with opacity, its text fell to 1.8-2.8:1, below WCAG AA's 4.5:1. */
.ck-stale {{ filter: grayscale(1); }}
.ck-chip {{ display: inline-block; min-width: 18px; text-align: center; font-size: 11px;
  font-weight: 700; border: 2px solid {_BORDER}; border-radius: 4px; padding: 0 3px; }}
.ck-legend span {{ margin-right: 10px; }}
.ck-diff {{ font-family: {_MONO}; font-size: 12.5px; border: 1px solid {_BORDER};
  border-radius: 6px; overflow: hidden; }}
.ck-diff div {{ display: grid; grid-template-columns: 28px 22px 1fr; gap: 6px;
  padding: 3px 8px; border-top: 1px solid {_BORDER}; }}
.ck-diff div:first-child {{ border-top: none; }}
.ck-diff .ck-sign {{ font-weight: 700; text-align: center; }}
.ck-diff .ck-kept {{ background: transparent; }}
/* A removed line says so by its sign and its tint; its text keeps full contrast (muted,
   it fell below WCAG AA's 4.5:1). */
.ck-diff .ck-removed {{ background: rgba(211, 47, 47, 0.08); }}
.ck-diff ins {{ text-decoration: none; }}
.ck-diff del {{ background: rgba(211, 47, 47, 0.18); }}
.ck-columns {{ display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }}
/* ipywidgets draws the tabs not on show in muted text on grey: 4.4:1 in the light theme,
   4.2:1 in the dark one, below WCAG AA. The tab on show still stands out by its
   background and top border. */
.coachkit .jupyter-widgets.jupyter-widget-tab > .lm-TabBar .lm-TabBar-tab {{ color: {_FG}; }}
/* The chart tabs keep their names whole: each shrank with the view, to "By cat" and "Per
   da" beside JupyterLab's file browser. Each is as wide as its name, 144 px where there is
   room for four, and they wrap onto a second row where there is not. */
.coachkit .coachkit-charts > .lm-TabBar > .lm-TabBar-content {{ flex-wrap: wrap; }}
.coachkit .coachkit-charts > .lm-TabBar .lm-TabBar-tab {{ flex: 0 0 auto;
  min-width: min(var(--jp-widgets-horizontal-tab-width, 144px), 25%); }}
/* A chart kept at its least size (see progress_view.chart_html) scrolls on its own:
   the HTML widget around it would otherwise widen the whole tab to fit. */
.coachkit .coachkit-chart > .widget-html-content {{ display: block; min-width: 0; }}
.ck-chart-box {{ max-width: 100%; container-type: inline-size; }}
.ck-chart-scroll {{ overflow-x: auto; max-width: 100%; }}
/* Compare's tables scroll in their box at 640 px, not push the view's width past it. */
.coachkit .coachkit-compare-result > .widget-html-content {{ display: block; min-width: 0; }}
/* A chart drawn twice (wide, and laid out narrow): the wide one where it fits at its least
   scale, else the narrow one; the wide trend chart scrolled, its latest attempts hidden. */
.ck-chart-narrow {{ display: none; }}
@container (max-width: {NARROW_CHART_BELOW - 0.02}px) {{
  .ck-chart-scroll:has(.ck-chart-narrow) .ck-chart-wide {{ display: none; }}
  .ck-chart-narrow {{ display: inline; }}
  /* A narrow timeline still wider than its box (beside the file browser) opened on its
     oldest attempts, the newest hidden past the right edge: it opens on its right end
     (an rtl box starts scrolled there; left-aligned while it fits). */
  .ck-chart-timeline .ck-chart-scroll {{ direction: rtl; text-align: left; }}
  .ck-chart-timeline .ck-chart-scroll img {{ direction: ltr; }}
}}
/* Narrower still (beside the file browser at 640 px), the compact one: the narrow one
   scrolled there, its title cut and the heatmap's Result column hidden. */
.ck-chart-compact {{ display: none; }}
@container (max-width: {COMPACT_CHART_BELOW - 0.02}px) {{
  .ck-chart-scroll:has(.ck-chart-compact) :is(.ck-chart-wide, .ck-chart-narrow) {{
    display: none; }}
  .ck-chart-compact {{ display: inline; }}
}}
/* Charts are drawn on white in the kernel, which cannot see the theme: in a dark theme
   they are inverted, then turned back round the colour wheel so each dimension keeps its hue. */
body[data-jp-theme-light="false"] .coachkit-charts img {{
  filter: invert(0.88) hue-rotate(180deg); }}
/* A chart's background is see-through (progress_view._png): the view's own shows through,
   light or dark. Forced colours (Windows' high-contrast themes) leave an image as drawn, on
   their own background, which may be black like the chart's words: it keeps white. */
@media (forced-colors: active) {{
  .coachkit-charts img {{ forced-color-adjust: none; background: #fff; }}
}}
/* Native parts (scrollbars, a dropdown's open list) follow the theme too. */
body[data-jp-theme-light="false"] .coachkit {{ color-scheme: dark; }}
@container (max-width: 900px) {{ .ck-columns {{ grid-template-columns: 1fr; }} }}
@container (max-width: 760px) {{
  .ck-dims {{ grid-template-columns: 92px minmax(60px, 1fr) auto; }}
  .ck-dims .ck-feedback {{ grid-column: 1 / -1; margin: -2px 0 6px; }}
}}
.ck-ok {{ color: var(--jp-success-color1, #2e7d32); font-weight: 700; }}
/* JupyterLab's light green is 4.1:1 on white: its darker shade passes 4.5:1. */
body[data-jp-theme-light="true"] .ck-ok {{ color: var(--jp-success-color0, #1b5e20); }}
.ck-miss {{ color: var(--jp-error-color1, #c62828); font-weight: 700; }}
/* The dark theme's red is 4.4:1 on its dark grey (Voila's page): its lighter shade passes. */
body[data-jp-theme-light="false"] .ck-miss, body[data-jp-theme-light="false"] .ck-timeup {{
  color: var(--jp-error-color2, #e57373); }}
.ck-table {{ border-collapse: collapse; font-size: 12.5px; width: 100%; }}
/* A table wider than a narrow view scrolls on its own; the text around it wraps. */
.ck-scroll {{ overflow-x: auto; max-width: 100%; }}
.ck-table th, .ck-table td {{ border-bottom: 1px solid {_BORDER}; padding: 4px 8px;
  text-align: left; color: {_FG}; }}
.ck-table th {{ background: {_BG2}; font-weight: 600; }}
.ck-table .ck-num {{ text-align: right; font-variant-numeric: tabular-nums; }}
/* Compare's drift: four columns in the 260 px a 640 px window leaves beside the files. */
.ck-table.ck-tight th, .ck-table.ck-tight td {{ padding: 4px 4px; }}
.coachkit-history {{ max-height: 440px; overflow: auto; }}
/* Held to the view, as the tables below: its widget took the table's width, so on a phone
   (375 px) the whole box scrolled sideways, the words column and the note under the table
   ("To delete one for good ...") cut at the right edge. Now the table scrolls on its own. */
.coachkit .coachkit-history > .widget-html-content {{ display: block; min-width: 0; }}
/* Its nine columns, 8 px padded, were 43 px wider than a phone's view: the words column
   sat behind a sideways scroll. Padded 4 px they fit, and the table scrolls no more. */
@container (max-width: 399.98px) {{
  .coachkit-history .ck-table th, .coachkit-history .ck-table td {{ padding: 4px 4px; }}
}}
/* An attempt's date on a phone: "01 Dec 2026 04:26" wrapped onto 3 lines at 375 px, each
   row 3 lines tall. "1 Dec 04:26" (the year if not this one) takes one line, or two (date,
   then time) where the table is short of room; the long form stays the cell's title
   (results.history_html). */
.ck-when-short {{ display: none; }}
@container (max-width: {STACK_LABELS_BELOW - 0.02}px) {{
  .ck-when .ck-when-long {{ display: none; }}
  .ck-when .ck-when-short {{ display: inline; }}
}}
/* The attempts table's box scrolls both ways, its header kept in sight. It ended mid-row
   with no sign that there was more: its caption says so, and a shade along its bottom
   edge shows while there is more below (covered by the local cover once scrolled there). */
.coachkit-table .ck-table-box {{ max-height: 440px; overflow: auto;
  background: linear-gradient(rgba(0, 0, 0, 0), {_BG} 70%) bottom / 100% 36px local,
    linear-gradient(rgba(128, 128, 128, 0), rgba(128, 128, 128, 0.3)) bottom / 100% 18px;
  background-repeat: no-repeat; }}
.coachkit-table .ck-table-box thead th {{ position: sticky; top: 0; z-index: 1; }}
/* Its box, not the widget around it, takes the table's width: wider, the caption above
   ran past the view's edge, cut off beside the file browser. */
.coachkit .coachkit-table > .widget-html-content {{ display: block; min-width: 0; }}
/* Beside JupyterLab's file browser the table already scrolls sideways, yet it squeezed
   the question to 80 px: rows of 6 lines (159 px), 3 in sight. The date stays on one line
   and the question keeps 18 em: a 70-character prompt takes 3 lines. */
@container (max-width: 399.98px) {{
  .coachkit-table .ck-table td:first-child {{ white-space: nowrap; }}
  .coachkit-table .ck-table td:nth-child(2) {{ min-width: 18em; }}
}}
/* On a phone (a 329 px view) the attempts table was 665 px wide: the question cut
   mid-word, the overall score and S T A R behind a sideways scroll. Under 480 px each row
   stacks, as the mock report's does: its time, its question, then its figures, each named
   (beside JupyterLab's file browser too, where it scrolled as well). */
@container (max-width: 479.98px) {{
  .ck-attempts-table thead {{ position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0 0 0 0); }}
  .ck-attempts-table, .ck-attempts-table tbody {{ display: block; }}
  .ck-attempts-table tr {{ display: flex; flex-wrap: wrap; gap: 2px 12px; padding: 6px 4px;
    border-bottom: 1px solid {_BORDER}; }}
  .coachkit-table .ck-attempts-table td {{ border-bottom: 0; padding: 0; text-align: left;
    min-width: 0; }}
  .ck-attempts-table td:first-child {{ font-weight: 600; }}
  .ck-attempts-table td:nth-child(2) {{ flex: 1 1 100%; }}
  .ck-attempts-table td[data-label]::before {{ content: attr(data-label) " "; color: {_FG2}; }}
}}
/* The attempt chosen to delete, whole, under the list where the list's box cuts it: on a
   phone "40d2fcee · 2026-11-30 16:46 · desig…", its score out of sight. */
.ck-delete-chosen {{ display: none; margin: 0; color: {_FG2}; overflow-wrap: anywhere; }}
@container (max-width: 479.98px) {{ .ck-delete-chosen {{ display: block; }} }}
.ck-delete-chosen span {{ display: inline-block; max-width: 100%; }}
/* Its S T A R there: four cells wrapped apart ("S 4" ending a line, "T 4 A 5 R 5" the
   next). One group takes their place, moved to a line of its own whole where the line
   has no room for it (broken between its figures only if narrower than a line). */
.ck-attempts-table .ck-star-group {{ display: none; }}
@container (max-width: 479.98px) {{
  .ck-attempts-table td.ck-dim {{ display: none; }}
  .coachkit-table .ck-attempts-table td.ck-star-group {{ display: flex; flex-wrap: wrap;
    gap: 2px 12px; }}
  .ck-star-part {{ white-space: nowrap; }}
  .ck-star-letter {{ color: {_FG2}; }}
}}
/* The mock report's widget took its widest line's width, not the view's: beside JupyterLab's
   file browser (256 px) it was 423 px, its headline and the Scores table cut off at the
   right edge. Held to the view, its text wraps. */
.coachkit .coachkit-mock-report .coachkit-result > .widget-html-content {{ display: block;
  min-width: 0; }}
/* Its Scores table in under 480 px (a phone, the view beside the file browser): nine
   columns left the question 80 px, 10 lines a row, and still ran off the side. Each row
   stacks instead: its number and question on a line, then its figures, each named. */
@container (max-width: 479.98px) {{
  .ck-report-table thead {{ position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0 0 0 0); }}
  .ck-report-table, .ck-report-table tbody {{ display: block; }}
  .ck-report-table tr {{ display: flex; flex-wrap: wrap; gap: 2px 12px; padding: 6px 0;
    border-bottom: 1px solid {_BORDER}; }}
  .ck-report-table td {{ border-bottom: 0; padding: 0; text-align: left; }}
  .ck-report-table td:first-child {{ font-weight: 600; }}
  .ck-report-table td:nth-child(2) {{ flex: 1 1 calc(100% - 3em); min-width: 0; }}
  .ck-report-table td:nth-child(3) {{ color: {_FG2}; }}
  .ck-report-table td[data-label]::before {{ content: attr(data-label) " "; color: {_FG2}; }}
  .ck-report-table td.ck-why {{ flex-basis: 100%; }}
}}
.ck-stats {{ display: flex; gap: 12px; flex-wrap: wrap; margin: 6px 0; }}
.ck-stat {{ border: 1px solid {_BORDER}; border-radius: 8px; padding: 8px 14px; min-width: 130px;
  background: {_BG}; }}
.ck-stat b {{ display: block; font-size: 22px; }}
/* Start here's tiles: flex wrapped them by their own widths, 3 + 1 on a 640 px Voila
   page, one a row at uneven widths in a narrow JupyterLab. A grid of equal columns, as
   many as start.stat_columns says when wide, 2 when narrow (2 x 2), 1 when tiny. */
.ck-stats.ck-stats-even {{ display: grid; max-width: 920px;
  grid-template-columns: repeat(var(--ck-stat-columns, 4), minmax(0, 1fr)); }}
.ck-stats-even .ck-stat {{ min-width: 0; overflow-wrap: anywhere; }}
@container (max-width: 639.98px) {{
  .ck-stats.ck-stats-even {{ grid-template-columns: repeat(2, minmax(0, 1fr)); }}
}}
@container (max-width: 239.98px) {{
  .ck-stats.ck-stats-even {{ grid-template-columns: minmax(0, 1fr); }}
}}
/* Progress's tile values are words and numbers ("Situation", "20 days", "69/100"): broken
   anywhere, they read "Situati-on" beside JupyterLab's file browser. They wrap between
   words only, in a font that shrinks with the view so the longest word ("Situation", 5.2
   em in DejaVu Sans Bold) fits its tile: 20 px in the 272 px view beside the files. Six
   tiles stay 3 a row down to 480 px (3 rows of 2 were 80 px taller at 640 px). */
.ck-stats-whole .ck-stat b {{ overflow-wrap: normal; line-height: 1.25; }}
@container (min-width: 480px) and (max-width: 639.98px) {{
  .ck-stats.ck-stats-even.ck-stats-whole {{
    grid-template-columns: repeat(var(--ck-stat-columns, 4), minmax(0, 1fr)); }}
}}
@container (max-width: 479.98px) {{
  .ck-stats-whole .ck-stat {{ padding: 6px 10px; }}
  .ck-stats-whole .ck-stat b {{ font-size: clamp(14px, calc((50cqi - 28px) / 5.4), 22px); }}
}}
@container (max-width: 239.98px) {{
  .ck-stats-whole .ck-stat b {{ font-size: clamp(14px, calc((100cqi - 22px) / 5.4), 22px); }}
}}
/* Links look like links: JupyterLab's and Voila's base styles take the colour and the
   underline off, so Start here's links to the other notebooks read as plain bold text. */
.coachkit a {{ color: var(--jp-content-link-color, #1565c0); text-decoration: underline; }}
/* A link in a muted status line keeps the theme's link colour (the browser's blue is
   unreadable on a dark theme). */
.coachkit a.ck-download {{ color: var(--jp-content-link-color, #1565c0);
  text-decoration: underline; margin-left: 6px; }}
/* The kernel-lost notice: hidden while the kernel runs, shown once ipywidgets marks the
   view disconnected (no kernel is left to show it then); on a Voila page the live script
   moves it to the top of the window (see live.py). !important outweighs ipywidgets' own
   display rules. */
.coachkit > .ck-lost, .coachkit.ck-lost-moved > .ck-lost {{ display: none !important; }}
.coachkit.jupyter-widgets-disconnected:not(.ck-lost-moved) > .ck-lost {{
  display: flex !important; }}
.ck-lost-text {{ border-left: 4px solid var(--jp-error-color1, #d32f2f); padding: 8px 12px;
  background: {_BG}; box-shadow: inset 0 0 0 999px rgba(211, 47, 47, 0.12);
  border-radius: 4px; font-family: {_FONT}; font-size: 13px; line-height: 1.5; color: {_FG}; }}
.ck-lost-pinned {{ position: fixed; top: 8px; left: 8px; right: 8px; max-width: 1164px;
  margin: 0 auto; z-index: 1000; box-shadow: inset 0 0 0 999px rgba(211, 47, 47, 0.12),
  0 2px 8px rgba(0, 0, 0, 0.3); }}
/* The notebooks' words for JupyterLab alone ("run the notebook first: Run > Run All
   Cells") are not for a Voila page, which runs itself and has no menus. */
body[data-voila] .ck-lab-only {{ display: none; }}
.ck-timer {{ font-variant-numeric: tabular-nums; font-weight: 600; }}
/* The upload button prints "<description> (<file count>)"; the count is always 0 here
   (the file is let go at once), so the text is hidden and the label drawn instead. */
.coachkit-recording {{ font-size: 0; width: auto; padding: 0 12px; }}
.coachkit-recording i {{ font-size: var(--jp-widgets-font-size, 13px); margin-right: 6px; }}
.coachkit-recording::after {{ content: "From a recording";
  font-size: var(--jp-widgets-font-size, 13px); }}
.ck-timeup {{ color: var(--jp-error-color1, #c62828); }}
.coachkit details > summary {{ cursor: pointer; font-weight: 600; }}
/* The box's padding is its summary's: a tap on the grey bar around the words (6 px above
   and below a 20 px line, 12 px to the left) opened nothing on a phone. */
.ck-details {{ border: 1px solid {_BORDER}; border-radius: 6px; padding: 0;
  margin: 4px 0; background: {_BG2}; }}
.ck-details > summary {{ padding: 6px 12px; }}
.ck-details[open] {{ background: {_BG}; }}
.ck-details p {{ margin: 0 12px 8px; }}
.coachkit .widget-textarea textarea {{ font-family: {_FONT}; font-size: 14px; line-height: 1.5; }}
/* !important: ipywidgets' own rules take the outline off text boxes and dropdowns. The
   ring is drawn inside the control, as two: the theme's strongest text colour (black, or
   white in a dark theme) at the edge, the page's colour within. Outside, the boxes that hold
   the controls cut it off (they scroll): a 1px sliver of the brand blue was left, the primary
   button's own colour (1.0:1) and as dark as the red Delete for good (1.1:1). Now the ring
   meets only the page and its own inner line, whatever the button's colour; the outline
   stays in forced colours, where shadows are dropped (tests/e2e/test_a11y_focus_ring.py). */
.coachkit .jupyter-button:focus-visible, .coachkit select:focus-visible,
.coachkit input:focus-visible, .coachkit textarea:focus-visible {{
  outline: 2px solid var(--jp-ui-font-color0, #000) !important; outline-offset: -2px;
  box-shadow: inset 0 0 0 4px var(--jp-layout-color0, #fff) !important; }}
/* A message focus is moved to (live.FOCUS_CLASS: Start here's "Rescued.", Progress's
   delete status) showed the browser's thin default outline. It takes the controls' ring
   instead, drawn inside its own box (a box around it that scrolls would cut off one drawn
   outside), 2px clear of the message by its padding: the ring meets only the page. Not
   on an empty one, which would stand as a blank 8px strip. */
.coachkit .ck-focus-here > .widget-html-content:not(:empty) {{ padding: 4px; }}
.coachkit .ck-focus-here > .widget-html-content:focus-visible {{
  outline: 2px solid var(--jp-ui-font-color0, #000) !important; outline-offset: -2px; }}
/* The warning orange (Start here's Rescue) is a light fill in both themes, but the light
   theme wrote white on it: 2.7:1 (3.8:1 pressed), below WCAG AA's 4.5:1. Near-black text
   reads 6.8:1 on it (5.0:1 pressed), as the dark theme's 7.3:1 on its own orange. */
.coachkit .jupyter-button.mod-warning, .coachkit .jupyter-button.mod-warning:active,
.coachkit .jupyter-button.mod-warning.mod-active {{ color: rgba(0, 0, 0, 0.87); }}
/* The dark theme's red, pressed (Delete for good), darkens under its black text: 4.2:1.
   A step less dark keeps the press seen and the text at 5.0:1. */
body[data-jp-theme-light="false"] .coachkit .jupyter-button.mod-danger:active,
body[data-jp-theme-light="false"] .coachkit .jupyter-button.mod-danger.mod-active {{
  background-color: #e53935; }}
/* A button at work keeps focus (disabled, it would drop it), so its label is not exempt
   from contrast. Words say it is at work (Score's "Scoring…" and hourglass, the status
   line beside Rescore and Test connection), not fading, which took the label to 2.8:1
   on the dark theme's blue and 3.3:1 on the light grey. */
.coachkit .jupyter-button.ck-busy {{ cursor: progress; }}
{_DIMENSION_RULES}
{_DIFF_RULES}
{_ICON_RULES}
"""


def style_tag() -> str:
    """The stylesheet as a ``<style>`` element, for an HTML widget at a view's top."""
    return f"<style>{CSS}</style>"
