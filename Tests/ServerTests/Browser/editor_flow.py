"""Drives headless Chromium through the web app, as a person would.

Usage: editor_flow.py BASE_URL TOKEN
Signs in, opens the editor, types an invalid scenario, waits for the error
marker at its line, fixes it, saves, runs a study, and waits for the report's
chart. Talks to Chromium over the DevTools protocol (package websocket-client).

Usage: editor_flow.py BASE_URL TOKEN --expires-at MILLISECONDS
Signs in with TOKEN, which expires at that time (ms since 1970), opens the
editor, waits until the token has expired, types: the editor's background
check is then the first request after the expiry, and the notice that the
sign-in expired must appear on the page all the same; the next page must
show it too, and the one after that no longer.
Usage: editor_flow.py BASE_URL TOKEN --signed-out-while-running
On a server with --private-read: signs in, starts a long study, and once
its page shows it running, signs out behind the page's back (the cookies
cleared): the progress poll's next answer is a 401, and the page must say
why it stopped following the study, and not reload.
Exit 0: passed; anything else: failed, with the reason on stderr.
Every wait is bounded (a hang guard, not a timing assumption).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

BASE, TOKEN = sys.argv[1], sys.argv[2]
EXPIRES_AT = int(sys.argv[4]) / 1000 if len(sys.argv) > 4 and sys.argv[3] == "--expires-at" else None
SIGNED_OUT_WHILE_RUNNING = len(sys.argv) > 3 and sys.argv[3] == "--signed-out-while-running"
INVALID = "extends: ukraine-base.yaml\nname: Browser variant\nruns: lots\n"
FIXED = "extends: ukraine-base.yaml\nname: Browser variant\nruns: 500\n"


def fail(message):
    print("browser test failed: " + message, file=sys.stderr)
    sys.exit(1)


def find_chromium():
    for name in [os.environ.get("GUARANTOR_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"]:
        if name and shutil.which(name):
            return shutil.which(name)
    fail("no chromium on PATH")


class Navigated(Exception):
    """The page navigated while a script ran in it (a click that leaves the page, say)."""


class Page:
    def __init__(self, ws):
        self.ws = ws
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        mine = self.next_id
        self.ws.send(json.dumps({"id": mine, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == mine:
                if "error" in msg:
                    if "navigated or closed" in str(msg["error"].get("message", "")):
                        raise Navigated(method)
                    fail(f"{method}: {msg['error']}")
                return msg.get("result", {})

    def js(self, expression):
        r = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            return None
        return r.get("result", {}).get("value")

    def wait(self, expression, what, seconds=90):
        end = time.time() + seconds
        while time.time() < end:
            try:
                value = self.js(expression)
            except (websocket.WebSocketException, Navigated):
                value = None
            if value:
                return value
            time.sleep(0.1)
        fail(f"gave up waiting for {what}; page is {self.js('location.href')}: {self.js('document.body && document.body.innerText.slice(0, 500)')}")

    def go(self, url):
        self.call("Page.navigate", url=url)
        self.wait(f"location.href.startsWith({json.dumps(url)}) && document.readyState === 'complete'", "page " + url)

    def type_into(self, selector, text):
        """Selects all of the field's text and types `text` over it (real input events)."""
        self.js(f"(() => {{ const e = document.querySelector({json.dumps(selector)}); e.focus(); e.select(); return true; }})()")
        self.call("Input.insertText", text=text)


def expiry_flow(page):
    """The sign-in expires while the editor is open; the background check is the first request after."""
    page.go(BASE + "/scenarios/new")
    page.wait("document.getElementById('validation').className === 'valid'", "the starter text to validate")
    if page.js("!!document.getElementById('sign-in-expired')"):
        fail("the expiry notice is shown before the token expired")
    wait = EXPIRES_AT - time.time() + 0.5
    if wait > 0:
        time.sleep(wait)
    page.type_into("#scenario-text", FIXED)
    notice = page.wait("document.getElementById('sign-in-expired') && document.getElementById('sign-in-expired').textContent",
                       "the expiry notice after the background check", seconds=30)
    print("editor notice: " + notice)
    if page.js("!!document.querySelector('header.top .who')"):
        fail("the header still shows the holder after the expiry")
    # The next page shows the server's notice (it names the holder) and clears the cookie.
    page.go(BASE + "/")
    notice = page.js("document.getElementById('sign-in-expired') && document.getElementById('sign-in-expired').textContent")
    if not notice:
        fail("the next page does not say that the sign-in expired")
    print("next page notice: " + notice)
    page.go(BASE + "/compare")
    if page.js("!!document.getElementById('sign-in-expired')"):
        fail("the notice is still shown: the cookie was not cleared")
    print("browser expiry test: passed")


def signed_out_flow(page):
    """The sign-in goes while a study's page follows its progress."""
    page.go(BASE + "/scenarios/ukraine-proposed-guarantees")
    page.type_into("input[name=runs]", "2000000")
    page.js("document.querySelector('form.run button').click()")
    page.wait("location.pathname.startsWith('/studies/') && document.readyState === 'complete'", "the study page")
    page.wait("document.getElementById('study-status') && document.getElementById('study-status').textContent === 'running'",
              "the page to show the study running")
    # A mark that a reload would wipe out.
    page.js("window.stayedOnThePage = true")
    page.call("Network.clearBrowserCookies")
    status = page.wait("(() => { const s = document.getElementById('study-status').textContent;"
                       " return s.startsWith('progress unavailable') && s; })()",
                       "the page to say why it stopped following the study", seconds=30)
    print("status after signing out: " + status)
    # Polls come a second apart: three seconds on, the page has neither reloaded nor changed its word.
    time.sleep(3)
    if not page.js("window.stayedOnThePage === true"):
        fail("the page reloaded after the 401")
    if page.js("document.getElementById('study-status').textContent") != status:
        fail("the page went on polling after the 401")
    print("browser signed-out test: passed")


def main():
    profile = tempfile.mkdtemp(prefix="guarantor-chromium-")
    chromium = subprocess.Popen(
        [find_chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--window-size=1280,900",
         "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
         f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = os.path.join(profile, "DevToolsActivePort")
        end = time.time() + 30
        while not os.path.exists(port_file) or not open(port_file).read().strip():
            if time.time() > end or chromium.poll() is not None:
                fail("chromium did not start")
            time.sleep(0.1)
        port = open(port_file).read().split()[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json"))
        page_target = next(t for t in targets if t.get("type") == "page")
        page = Page(websocket.create_connection(page_target["webSocketDebuggerUrl"], timeout=60))
        page.call("Page.enable")
        page.call("Runtime.enable")

        # Sign in with the token from the comparison page's "Sign in" link
        # (the form sets the cookie); the sign-in comes back to that page.
        page.go(BASE + "/compare?a=1")
        href = page.js("document.querySelector('header.top a[href^=\"/login\"]').getAttribute('href')")
        if href != "/login?next=%2Fcompare%3Fa%3D1":
            fail(f"the header's sign-in link is {href!r}, not one that comes back to the comparison page")
        page.js("document.querySelector('header.top a[href^=\"/login\"]').click()")
        page.wait("location.pathname === '/login' && document.readyState === 'complete' && !!document.querySelector('input[name=token]')",
                  "the sign-in page")
        if EXPIRES_AT is not None and time.time() > EXPIRES_AT - 5:
            fail("Chromium took so long to start that the token (almost) expired before signing in; give it longer")
        page.type_into("input[name=token]", TOKEN)
        page.js("document.querySelector('form[action=\"/login\"]').submit()")
        page.wait(f"location.href === {json.dumps(BASE + '/compare?a=1')} && document.readyState === 'complete'",
                  "the comparison page after sign-in")
        if not page.js("document.querySelector('.who') && document.querySelector('.who').textContent"):
            fail("not signed in after the login form")

        if EXPIRES_AT is not None:
            expiry_flow(page)
            return
        if SIGNED_OUT_WHILE_RUNNING:
            signed_out_flow(page)
            return

        # The editor: type an invalid scenario; the error appears at line 3.
        page.go(BASE + "/scenarios/new")
        page.type_into("input[name=name]", "browser-test")
        page.type_into("#scenario-text", INVALID)
        marker = page.wait("Array.from(document.querySelectorAll('#gutter .err')).map(e => e.textContent).join(',')",
                           "an error marker in the gutter")
        if marker != "3":
            fail(f"error marked at line(s) {marker}, expected 3")
        message = page.js("document.querySelector('#diagnostics li').textContent")
        if not message.startswith("browser-test.yaml:3:7"):
            fail(f"diagnostic reads {message!r}")
        print(f"error shown at line 3: {message}")

        # Fix it: the marker goes and the checker says valid.
        page.type_into("#scenario-text", FIXED)
        page.wait("document.getElementById('validation').className === 'valid' && !document.querySelector('#gutter .err')",
                  "the scenario to validate")
        print("fixed: " + page.js("document.getElementById('validity').textContent"))

        # Save, then run a study from the scenario's page.
        page.js("document.querySelector('button[value=save]').click()")
        page.wait("location.pathname === '/scenarios/browser-test' && document.readyState === 'complete'", "the saved scenario")

        # Unsaved changes: the page says a study runs the saved version and holds the run button.
        if page.js("!document.getElementById('unsaved').hidden || document.querySelector('form.run button').disabled"):
            fail("the unsaved-changes note or a held run button before any change")
        long_text = FIXED + "".join(f"# line {i}\n" for i in range(400)) + "# " + "x" * 400 + "\n"
        page.type_into("#scenario-text", long_text)
        page.wait("!document.getElementById('unsaved').hidden && document.querySelector('form.run button').disabled",
                  "the unsaved-changes note and the run button held")
        print("unsaved note: " + page.js("document.getElementById('unsaved').textContent"))
        # Scrolled to the end, with a horizontal scroll bar in the text box, the line numbers still match the lines.
        offset = page.wait("(() => { const t = document.getElementById('scenario-text'), g = document.getElementById('gutter');"
                           " t.scrollTop = t.scrollHeight; t.dispatchEvent(new Event('scroll'));"
                           " return t.scrollTop > 0 && t.offsetHeight > t.clientHeight && String(g.scrollTop - t.scrollTop); })()",
                           "the text box scrolled to its end with a horizontal scroll bar")
        if abs(float(offset)) > 1:
            fail(f"at the end of the text the gutter is {offset} px off its lines")
        print(f"gutter offset at the end: {offset} px")
        page.type_into("#scenario-text", FIXED)
        page.wait("document.getElementById('unsaved').hidden && !document.querySelector('form.run button').disabled",
                  "the run button back once the text is the saved one")
        page.type_into("input[name=runs]", "50")
        page.js("document.querySelector('form.run button').click()")
        page.wait("location.pathname.startsWith('/studies/') && document.readyState === 'complete'", "the study page")
        study = page.js("location.pathname")
        print("study page " + study)

        # The progress bar gives way to the report, with its chart.
        page.wait("document.getElementById('study-status') && document.getElementById('study-status').textContent === 'succeeded'"
                  " && !!document.getElementById('report')", "the study to succeed")
        charts = page.wait("(() => { const f = document.getElementById('report'); const d = f && f.contentDocument;"
                           " return d && d.readyState === 'complete' && d.querySelectorAll('svg').length; })()",
                           "a chart (svg) in the report")
        print(f"report shows {charts} chart(s)")
        # The frame is as tall as the report: the page scrolls once, not a frame inside a page.
        fitted = page.wait("(() => { const f = document.getElementById('report'), d = f.contentDocument;"
                           " return f.offsetHeight >= d.documentElement.scrollHeight - 2 && f.offsetHeight > 2000 && String(f.offsetHeight); })()",
                           "the report's frame to take the report's height")
        print(f"report frame {fitted} px tall")
        shot = os.environ.get("GUARANTOR_BROWSER_SCREENSHOT")
        if shot:
            data = page.call("Page.captureScreenshot", format="png")["data"]
            import base64
            with open(shot, "wb") as f:
                f.write(base64.b64decode(data))
        print("browser test: passed")
    finally:
        chromium.terminate()
        try:
            chromium.wait(timeout=10)
        except subprocess.TimeoutExpired:
            chromium.kill()
        shutil.rmtree(profile, ignore_errors=True)


main()
