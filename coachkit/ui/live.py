"""Status lines a screen reader reads out as they change: live regions that last.

A screen reader reads out a change inside a live region (``role="status"``) that was
on the page before the change; one inserted along with its words is often not read.
An HTML widget replaces its whole content (``innerHTML``) at each update, so a
``role="status"`` in its value is a new element every time, and ipywidgets has no way
to give the widget's own, lasting element a role. A small script does: it makes the
content element of each widget with ``LIVE_CLASS`` the region, and drops the role from the
elements put inside it, so that they are not regions of their own, new each time.

Where the script does not run (a front end that runs no output script), the value's
own ``role="status"`` is still there, as before.

The same watcher pins a view's kernel-lost notice (``parts.lost_notice``) in sight on a
Voila page once the view is cut off from its kernel: shown where it stands, at the top
of the view, it is out of sight of a user scrolled down to **Score**, and a fixed
position inside the view is held to the view (its size container). In JupyterLab the
notice stays where it is: the kernel's status is shown there already, and a pinned copy
would cover the menus and outlive the Run All that brings the view back.

It also gives a view's menus their own keys in JupyterLab. With the notebook in command
mode, JupyterLab read ArrowDown on a focused menu as "select the cell below" and a
letter typed to find an option ("a") as "insert a cell above"; on a focused button,
"d d" deleted the cell, view and all, and on a box that scrolls and takes focus to be
read (Settings' resolved config), "b" added a cell. Lumino looks for a shortcut from the
focused element up and stops at ``data-lm-suppress-shortcuts``, so
each such control in a view carries it: only the control's own keys are taken from
JupyterLab, and everywhere else in the view its shortcuts still work. The exception is
ArrowUp and ArrowDown on a view's buttons, summaries, answer and config boxes: JupyterLab
read them as "go to the cell above/below", so a user pressing ArrowDown to read the score
card under **Score** was sent out of the view, to the "Click to add a cell" footer,
where Space or Enter added a cell. They now scroll the page (or the focused box that
scrolls), as on any other page; Tab still leaves.

It makes a view's tabs (Progress's charts) switch as the arrow keys move along them, as
WAI-ARIA's tabs do: Lumino's tab bar moved focus only, and switched on an Enter no one
was told of.

It keeps a recording too large to transcribe in the browser. The upload button sends
the whole file to the kernel in one websocket message, and one over the server's limit
(128 MB) closed the connection: the file was lost and nothing was said. ipywidgets reads
the file from a file input of its own, never put on the page, that it opens with
``click()``; the script listens on that input, ahead of the widget, while a view's
recording button is being clicked, and writes the name and size of a file over
``MAX_AUDIO_BYTES`` (which no transcriber takes) into the view's hidden
``recording.REFUSED_CLASS`` text box instead, for the kernel to refuse it in words.

And it lets focus rest on a message. An HTML widget's ``focus()`` focuses its content
element, which takes no focus unless it has a ``tabindex``: the script gives one (-1: out
of the Tab order) to each widget with ``FOCUS_CLASS``, for a view to move focus there when
the control that had it is hidden, rather than let it fall to the page.
"""

from __future__ import annotations

import ipywidgets as w

from ..audio import MAX_AUDIO_BYTES

__all__ = ["FOCUS_CLASS", "LIVE_CLASS", "LIVE_SCRIPT", "PIN_CLASS", "live_script"]

LIVE_CLASS = "ck-live"
"""The class of the HTML widgets whose content element is made a live region."""

FOCUS_CLASS = "ck-focus-here"
"""The class of the HTML widgets whose content element can be given focus (``focus()``)."""

PIN_CLASS = "ck-lost-pin"
"""On a kernel-lost notice's content: copied to the page's top (as ``ck-lost-pinned``)
once its view is cut off from the kernel."""

_SCRIPT = """(() => {
  if (window.coachkitLiveRegions) return;  // one watcher per page, however many views
  window.coachkitLiveRegions = true;
  const REGION = ".ck-live > .widget-html-content";
  const NAMED = ".ck-label-drawn";
  const unnest = (region) => {
    for (const inner of region.querySelectorAll('[role="status"]')) {
      inner.removeAttribute("role");
    }
  };
  const mark = (node) => {
    const found = node.matches(REGION) ? [node] : node.querySelectorAll(REGION);
    for (const region of found) {
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      unnest(region);
    }
  };
  // A button whose label the stylesheet draws (its ::after; see theme.CSS) was named by
  // the text it hides as well: the upload button was read as "(0)From a recording".
  const name = (node) => {
    const found = node.matches(NAMED) ? [node] : node.querySelectorAll(NAMED);
    for (const button of found) {
      const label = getComputedStyle(button, "::after").content.match(/^"(.+)"$/);
      if (label) button.setAttribute("aria-label", label[1]);
    }
  };
  // Controls whose keys are their own (arrows, letters, Space): out of JupyterLab's
  // command-mode shortcuts, which took them from a focused menu (see the docstring).
  // Buttons and summaries too: "d d" on a focused Score deleted the notebook's cell, and
  // "a" or "b" added one.
  // And a box that scrolls and takes focus to be read (an answer, the resolved config):
  // "d d" on it deleted the cell too.
  const OWN_KEYS =
    ".coachkit :is(select, input[type=radio], input[type=checkbox], input[type=range], " +
    "button, summary, .ck-answer[tabindex], .ck-code[tabindex])";
  const quiet = (node) => {
    const found = node.matches(OWN_KEYS) ? [node] : node.querySelectorAll(OWN_KEYS);
    for (const control of found) control.setAttribute("data-lm-suppress-shortcuts", "true");
  };
  // ArrowUp/ArrowDown on a view's button or summary scroll the page (see the docstring):
  // stopped before JupyterLab's keydown listener (on the document, capturing) sees them,
  // which leaves the browser's own scrolling to happen.
  const SCROLL_KEYS = new Set(["ArrowUp", "ArrowDown"]);
  window.addEventListener("keydown", (event) => {
    const el = event.target;
    if (!SCROLL_KEYS.has(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
    const scrolls = ".coachkit :is(button, summary, .ck-answer, .ck-code)";
    if (!(el instanceof Element) || !el.matches(scrolls)) return;
    event.stopPropagation();
  }, true);
  // A message focus may be moved to (see the docstring): focusable, out of the Tab order.
  const HERE = ".ck-focus-here > .widget-html-content";
  const hold = (node) => {
    const found = node.matches(HERE) ? [node] : node.querySelectorAll(HERE);
    for (const message of found) message.setAttribute("tabindex", "-1");
  };
  // Chart tabs (Progress) switch as the arrow keys move along them, as WAI-ARIA's tabs
  // do: Lumino's tab bar only moved focus there, and switched on Enter, which no one is
  // told. A tab that takes focus but is not on show is picked, with the Enter it awaits.
  document.addEventListener("focusin", (event) => {
    const tab = event.target;
    if (!(tab instanceof Element) || !tab.matches(".coachkit .lm-TabBar-tab")) return;
    if (tab.getAttribute("aria-selected") === "true") return;
    tab.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
  });
  // A recording too large to transcribe stays in the browser (see the docstring).
  const TOO_LARGE = __MAX_AUDIO_BYTES__;
  let choosing = null;  // the recording button whose click is being dispatched
  window.addEventListener("click", (event) => {
    const el = event.target;
    choosing = el instanceof Element ? el.closest(".coachkit-recording") : null;
    if (choosing) setTimeout(() => { choosing = null; });
  }, true);
  const click = HTMLInputElement.prototype.click;
  HTMLInputElement.prototype.click = function () {
    if (choosing && this.type === "file" && !this.ckWatched) {
      this.ckWatched = true;
      const button = choosing;
      // Capturing, on the input itself: heard before the widget's own listener.
      this.addEventListener("change", (event) => {
        const file = this.files && this.files[0];
        if (!file || file.size <= TOO_LARGE) return;
        const view = button.closest(".coachkit");
        const box = view && view.querySelector(".ck-recording-refused input");
        if (!box) return;  // no way to say it: sent, as before
        event.stopImmediatePropagation();
        this.value = "";
        box.value = JSON.stringify({ name: file.name, size: file.size });
        box.dispatchEvent(new Event("change", { bubbles: true }));
      }, true);
    }
    return click.call(this);
  };
  const pin = (view) => {
    // ipywidgets marks the view so once its kernel is gone: nothing is left to say why.
    const notice = view.querySelector(":scope > .ck-lost .ck-lost-pin");
    if (!notice || document.querySelector(".ck-lost-pinned")) return;
    const copy = notice.cloneNode(true);
    copy.classList.add("ck-lost-pinned");
    view.classList.add("ck-lost-moved");  // one alert on the page, not two
    document.body.appendChild(copy);
  };
  new MutationObserver((records) => {
    for (const record of records) {
      const target = record.target;
      if (record.type === "attributes") {
        // A widget may be given its classes once it is on the page.
        if (target.classList.contains("ck-live")) mark(target);
        if (target.classList.contains("ck-label-drawn")) name(target);
        if (target.classList.contains("ck-focus-here")) hold(target);
        if (target.matches(".coachkit.jupyter-widgets-disconnected")) pin(target);
      } else if (target.nodeType === 1 && target.matches(REGION)) {
        unnest(target);  // its widget's value changed
      }
      for (const node of record.addedNodes) {
        if (node.nodeType === 1) { mark(node); name(node); quiet(node); hold(node); }
      }
    }
  }).observe(document.body, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["class"],
  });
  mark(document.body);
  name(document.body);
  quiet(document.body);
  hold(document.body);
})();
"""

LIVE_SCRIPT = _SCRIPT.replace("__MAX_AUDIO_BYTES__", str(MAX_AUDIO_BYTES))
"""The page script (see the module's docstring), run once per page."""


def live_script() -> w.Output:
    """A hidden output that runs ``LIVE_SCRIPT`` where the view is shown. Set as the
    output's data, not displayed through IPython: no shell is needed to build a view."""
    output = w.Output(layout=w.Layout(display="none"))
    output.add_class("coachkit-live-script")
    output.outputs = (
        {
            "output_type": "display_data",
            "data": {"application/javascript": LIVE_SCRIPT, "text/plain": ""},
            "metadata": {},
        },
    )
    return output
