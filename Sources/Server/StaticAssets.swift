/// The pages' one script and one style sheet. The pages work without the
/// script (forms post and reload); with it, the editor checks the scenario as
/// you type and the study page follows the progress.
enum StaticAssets {
    static let script = #"""
    (function () {
      "use strict";
      function byId(id) { return document.getElementById(id); }

      // Sign-in links come back here once signed in.
      // (On the answer to a form's post, the server names the page to come back to.)
      function signInHref() {
        if (location.pathname === "/login" || location.pathname === "/logout") { return "/login"; }
        var back = document.querySelector('meta[name="guarantor-sign-in-returns-to"]');
        return "/login?next=" + encodeURIComponent(back ? back.content : location.pathname + location.search);
      }
      var signInLinks = document.querySelectorAll('a[href="/login"]');
      for (var i = 0; i < signInLinks.length; i++) { signInLinks[i].href = signInHref(); }

      // The server answers the script's own requests with an expired sign-in
      // cookie without clearing it, saying when it expired in this header:
      // show the notice a page would show, and "Sign in" in the header.
      function noteExpiry(r) {
        var when = r.headers.get("Guarantor-Sign-In-Expired");
        if (!when || byId("sign-in-expired")) { return; }
        var p = document.createElement("p");
        p.className = "note"; p.id = "sign-in-expired"; p.setAttribute("role", "status");
        p.appendChild(document.createTextNode("Your sign-in expired on " + when + ", so you are signed out. "));
        var a = document.createElement("a");
        a.href = signInHref(); a.textContent = "Sign in";
        p.appendChild(a);
        p.appendChild(document.createTextNode(" again with a new token; the server's operator makes one with guarantor-server token create."));
        var main = document.querySelector("main");
        if (main) { main.insertBefore(p, main.firstChild); }
        var who = document.querySelector("header.top form.inline");
        if (who) {
          var link = document.createElement("a");
          link.href = signInHref(); link.textContent = "Sign in";
          who.parentNode.replaceChild(link, who);
        }
      }

      var text = byId("scenario-text");
      if (text) {
        var gutter = byId("gutter"), list = byId("diagnostics"), validity = byId("validity"), box = byId("validation");
        var nameInput = document.querySelector('#editor-form input[name="name"]');
        var timer = null, seq = 0, errorsByLine = {};
        var drawGutter = function () {
          gutter.textContent = "";
          var n = text.value.split("\n").length;
          for (var i = 1; i <= n; i++) {
            var s = document.createElement("span");
            s.textContent = String(i);
            if (errorsByLine[i]) { s.className = "err"; s.title = errorsByLine[i]; }
            gutter.appendChild(s);
            gutter.appendChild(document.createTextNode("\n"));
          }
          fitGutter();
        };
        // The text box may show a horizontal scroll bar, the gutter never does: the
        // gutter gets that much more room at its foot, so that scrolled to the end
        // its numbers still stand beside their lines.
        var fitGutter = function () {
          gutter.style.paddingBottom = "calc(.4em + " + Math.max(0, text.offsetHeight - text.clientHeight) + "px)";
          gutter.scrollTop = text.scrollTop;
        };
        // A study runs the saved version: say so, and hold the run button, while the text has unsaved changes.
        // (A page sent back after a check or a refused save may already hold unsaved text: the server says so.)
        var original = text.value, unsaved = byId("unsaved"), runButton = document.querySelector("form.run button");
        var startedUnsaved = !!unsaved && !unsaved.hidden;
        var noteUnsaved = function () {
          if (!unsaved || !runButton) { return; }
          var changed = startedUnsaved || text.value !== original;
          unsaved.hidden = !changed;
          runButton.disabled = changed;
        };
        var show = function (result) {
          list.textContent = "";
          errorsByLine = {};
          result.diagnostics.forEach(function (d) {
            var li = document.createElement("li");
            li.setAttribute("data-line", String(d.line));
            var a = document.createElement("a");
            a.href = "#";
            a.setAttribute("data-line", String(d.line));
            a.textContent = d.file + ":" + d.line + ":" + d.column;
            li.appendChild(a);
            li.appendChild(document.createTextNode(" " + d.message));
            list.appendChild(li);
            if (d.file === result.file) {
              errorsByLine[d.line] = (errorsByLine[d.line] ? errorsByLine[d.line] + "\n" : "") + d.message;
            }
          });
          if (result.diagnosticsOmitted) {
            var more = document.createElement("li");
            more.className = "omitted";
            more.textContent = "... and " + result.diagnosticsOmitted.toLocaleString("en-US") + " more not shown";
            list.appendChild(more);
          }
          var count = result.diagnostics.length + (result.diagnosticsOmitted || 0);
          validity.textContent = result.valid ? "Valid scenario: " + result.title
            : count.toLocaleString("en-US") + (count === 1 ? " problem:" : " problems:");
          box.className = result.valid ? "valid" : "invalid";
          drawGutter();
        };
        var validate = function () {
          var mine = ++seq;
          var body = { text: text.value };
          if (nameInput && nameInput.value) { body.name = nameInput.value; }
          fetch("/api/validate", {
            method: "POST", credentials: "same-origin",
            headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
          }).then(function (r) { noteExpiry(r); return r.json(); })
            .then(function (j) { if (mine === seq && j.diagnostics) { show(j); } })
            .catch(function () { validity.textContent = "Cannot reach the server to check the scenario."; });
        };
        var goTo = function (line) {
          var parts = text.value.split("\n"), pos = 0;
          for (var i = 0; i < line - 1 && i < parts.length; i++) { pos += parts[i].length + 1; }
          text.focus();
          text.setSelectionRange(pos, pos + (parts[line - 1] || "").length);
          // Selecting does not scroll the text in every browser: bring the line into view,
          // a third of the way down (lines do not wrap, so each is one row of the same height).
          var row = text.scrollHeight / Math.max(1, parts.length);
          text.scrollTop = Math.max(0, (line - 1) * row - text.clientHeight / 3);
          gutter.scrollTop = text.scrollTop;
        };
        noteUnsaved();
        text.addEventListener("input", function () { drawGutter(); noteUnsaved(); clearTimeout(timer); timer = setTimeout(validate, 300); });
        text.addEventListener("scroll", function () { gutter.scrollTop = text.scrollTop; });
        window.addEventListener("resize", fitGutter);
        list.addEventListener("click", function (e) {
          var line = e.target.getAttribute && e.target.getAttribute("data-line");
          if (line) { e.preventDefault(); goTo(Number(line)); }
        });
        validate();
      }

      // The study's report in its frame: as tall as the report, so the page scrolls once, not twice.
      var report = byId("report");
      if (report) {
        var fitReport = function () {
          try {
            var d = report.contentDocument;
            if (d && d.documentElement && d.readyState === "complete") { report.style.height = d.documentElement.scrollHeight + "px"; }
          } catch (e) { /* another origin: keep the frame's own height */ }
        };
        report.addEventListener("load", fitReport);
        window.addEventListener("resize", fitReport);
        fitReport();
      }

      var bar = byId("study-progress");
      if (bar) {
        var id = bar.getAttribute("data-study"), wait = 1000;
        var poll = function () {
          fetch("/api/studies/" + encodeURIComponent(id), { credentials: "same-origin" })
            .then(function (r) {
              noteExpiry(r);
              if (r.ok) { wait = 1000; return r.json(); }
              // Busy or failing: ask again later, less often. Any other refusal
              // (signed out, study gone) stops the polling with the server's reason:
              // reloading the page would only meet it again.
              if (r.status === 429 || r.status >= 500) {
                wait = Math.min(wait * 2, 30000);
                setTimeout(poll, wait);
                return null;
              }
              return r.json().catch(function () { return {}; }).then(function (j) {
                byId("study-status").textContent = "progress unavailable: " + (j.message || ("the server answered " + r.status));
                return null;
              });
            })
            .then(function (s) {
              if (!s) { return; }
              var pct = Math.floor(s.progress * 100);
              bar.value = pct;
              byId("study-percent").textContent = String(pct);
              byId("study-status").textContent = s.status;
              if (s.status === "queued" || s.status === "running") { setTimeout(poll, 1000); } else { location.reload(); }
            })
            .catch(function () { setTimeout(poll, 3000); });
        };
        setTimeout(poll, 500);
      }
    })();
    """#

    static let style = """
    body { font-family: system-ui, sans-serif; margin: 0; color: #1d2330; background: #fbfbfc; }
    header.top { display: flex; gap: 2em; align-items: center; padding: .6em 1.5em; background: #1d2330; color: #fff; }
    header.top a { color: #fff; text-decoration: none; margin-right: 1em; }
    header.top .brand { font-weight: 700; }
    header.top form.inline { display: inline; }
    main { padding: 1em 1.5em; max-width: 80em; }
    footer { padding: 1em 1.5em; color: #667; }
    table.list { border-collapse: collapse; display: block; max-width: 100%; overflow-x: auto; }
    h1 { overflow-wrap: anywhere; }
    @media (max-width: 40em) { header.top { flex-wrap: wrap; gap: .5em; } main { padding: .8em; } }
    table.list th, table.list td { text-align: left; padding: .3em .8em; border-bottom: 1px solid #dde; }
    .subtitle, .meta { color: #556; }
    .editor { display: flex; border: 1px solid #aab; background: #fff; max-height: 70vh; }
    .editor .gutter, .editor textarea { font: 13px/1.45 ui-monospace, monospace; margin: 0; padding: .4em; }
    .editor .gutter { overflow: hidden; text-align: right; color: #889; background: #f2f3f6; min-width: 3em; user-select: none; }
    .editor .gutter .err { color: #fff; background: #c0392b; display: inline-block; min-width: 2.2em; }
    .editor textarea { flex: 1; border: 0; resize: vertical; min-height: 30em; white-space: pre; overflow: auto; }
    #validation.invalid #validity { color: #c0392b; font-weight: 600; }
    #validation.valid #validity { color: #1e7b34; }
    .error { color: #c0392b; }
    .ok { color: #1e7b34; }
    .note { background: #fff6d8; padding: .5em .8em; }
    .status-succeeded { color: #1e7b34; } .status-failed, .status-cancelled { color: #c0392b; }
    progress { width: 30em; height: 1.2em; }
    iframe.report { width: 100%; height: 80vh; border: 1px solid #ccd; background: #fff; }
    form.run label, label.choice { display: block; margin: .3em 0; }
    """
}
