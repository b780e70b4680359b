"""browser.py -- the manual's web site in a real browser (headless Chromium).

Usage: python3 tests/browser.py HTMLDIR MANDIR OUTDIR SRCURL COMMIT

Opens the site from disk and checks that
  - the entry page's tree lists every page of MANDIR, each link to a file;
  - every page shows where it sits (breadcrumbs, a link up to its index)
    and fits a phone's width without scrolling sideways;
  - typing into the search box lists the right page first, and clicking
    it (or pressing Enter) opens that page;
  - the .Pa links of a page follow SRCURL at COMMIT;
  - dark mode changes the colours;
  - no page logs a console error.
Saves screenshots in OUTDIR for a person to look at.  Prints "ok:" or
"FAIL:" per check, then "browser: N passed, N failed".
"""

import os
import shutil
import sys
import tempfile

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

# (query, the page that must come first)
QUERIES = [
    ("lwkt_gettoken", "lwkt_token.9.html"),  # a function, by use
    ("lwkt_switch", "lwkt.9.html"),          # a function the page names
    ("vm_fault.c", "vm_fault.9.html"),       # a source file
]
WIDE = (1280, 1000)
PHONE = (390, 844)

passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
        print("ok: " + what)
    else:
        failed += 1
        print("FAIL: " + what)
    return cond


def browser(userdir):
    opts = webdriver.ChromeOptions()
    opts.binary_location = (shutil.which("chromium") or
                            shutil.which("chromium-browser"))
    for a in ("--headless", "--no-sandbox", "--disable-gpu",
              "--disable-background-networking", "--disable-component-update",
              "--disable-sync", "--no-first-run", "--hide-scrollbars",
              "--user-data-dir=" + userdir):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")),
                            options=opts)


def console_errors(drv):
    return [e["message"] for e in drv.get_log("browser")
            if e["level"] == "SEVERE"]


def no_errors(errs, where):
    check(not errs, "no console error on " + where +
          "".join("\n  " + e for e in errs))


def open_page(drv, htmldir, name):
    drv.get("file://" + os.path.join(htmldir, name))


def pages_of(mandir):
    out = set()
    for d in sorted(os.listdir(mandir)):
        if d.startswith("man"):
            for f in os.listdir(os.path.join(mandir, d)):
                if f[-2:-1] == "." and f[-1].isdigit():
                    out.add(f)
    return out


def search(drv, query, want, how):
    box = drv.find_element(By.ID, "search-box")
    if not check(box.is_displayed(), "the search box is shown on " +
                 drv.current_url):
        return False
    box.clear()
    box.send_keys(query)
    try:
        first = WebDriverWait(drv, 5).until(EC.visibility_of_element_located(
            (By.CSS_SELECTOR, "#search-results li a")))
    except TimeoutException:
        check(False, "search for %s lists a result" % query)
        return False
    href = first.get_attribute("href")
    if not check(href.endswith("/" + want),
                 "search for %s lists %s first (got %s)" %
                 (query, want, href)):
        return False
    if how == "click":
        first.click()
    else:
        box.send_keys(Keys.ENTER)
    try:
        WebDriverWait(drv, 5).until(EC.url_contains("/" + want))
        ok = True
    except TimeoutException:
        ok = False
    return check(ok and drv.current_url.endswith("/" + want),
                 "search for %s: %s opens %s (at %s)" %
                 (query, how, want, drv.current_url))


def main():
    if len(sys.argv) != 6:
        sys.exit("usage: browser.py HTMLDIR MANDIR OUTDIR SRCURL COMMIT")
    htmldir, mandir, outdir, srcurl, commit = sys.argv[1:]
    htmldir = os.path.abspath(htmldir)
    os.makedirs(outdir, exist_ok=True)
    pages = pages_of(mandir)
    userdir = tempfile.mkdtemp(prefix="md2mdoc-chromium.")
    drv = browser(userdir)
    try:
        drv.set_window_size(*WIDE)

        # the entry page and its tree
        open_page(drv, htmldir, "index.html")
        links = drv.find_elements(By.CSS_SELECTOR, "nav.tree a")
        listed = {}
        for a in links:
            t = a.text.strip()
            if t.endswith(")") and "(" in t:
                n, s = t[:-1].split("(", 1)
                listed[n + "." + s] = a.get_attribute("href")
        check(set(listed) == pages,
              "the tree lists every page (missing %s, extra %s)" %
              (sorted(pages - set(listed)), sorted(set(listed) - pages)))
        check(all(h.startswith("file://") and
                  os.path.exists(h[len("file://"):].split("#")[0])
                  for h in listed.values()),
              "each page in the tree links to a file of the site")
        drv.save_screenshot(os.path.join(outdir, "index-wide.png"))
        no_errors(console_errors(drv), "index.html")

        # the search box, from the entry page and from the pages it opens
        for i, (query, want) in enumerate(QUERIES):
            search(drv, query, want, "click" if i % 2 == 0 else "Enter")
            if i == 0:
                open_page(drv, htmldir, "index.html")
                drv.find_element(By.ID, "search-box").send_keys("lwkt")
                drv.save_screenshot(os.path.join(outdir, "search.png"))
        no_errors(console_errors(drv), "the pages the search opened")

        # .Pa links on the page the last search opened
        pa = drv.find_elements(By.CSS_SELECTOR, "a.Pa")
        bad = [a.get_attribute("href") for a in pa
               if a.get_attribute("href") !=
               srcurl.replace("%C", commit).replace("%P", a.text)]
        check(pa and not bad and all(commit in a.get_attribute("href")
                                     for a in pa),
              "%d .Pa links carry the pinned commit and the path%s" %
              (len(pa), "".join("\n  " + b for b in bad[:5])))

        # dark mode: the same page, other colours
        light = drv.execute_script(
            "return getComputedStyle(document.body).backgroundColor")
        drv.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [
            {"name": "prefers-color-scheme", "value": "dark"}]})
        dark = drv.execute_script(
            "return getComputedStyle(document.body).backgroundColor")
        check(light != dark, "dark mode changes the background (%s, %s)" %
              (light, dark))
        drv.save_screenshot(os.path.join(outdir, "vm_fault-dark.png"))
        drv.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [
            {"name": "prefers-color-scheme", "value": "light"}]})

        # every page at a phone's width: where it sits, nothing too wide
        drv.set_window_size(*PHONE)
        nocrumbs, noup, wide, errs = [], [], [], []
        for p in sorted(pages):
            f = p + ".html"
            if not os.path.exists(os.path.join(htmldir, f)):
                f = "index.html"
            open_page(drv, htmldir, f)
            if not drv.find_elements(By.CSS_SELECTOR,
                                     "nav.crumbs [aria-current=page]"):
                nocrumbs.append(f)
            up = drv.find_elements(By.CSS_SELECTOR, "nav.crumbs a[rel=up]")
            if f != "index.html" and (
                    len(up) != 1 or not os.path.exists(
                        up[0].get_attribute("href")[len("file://"):])):
                noup.append(f)
            sw, iw = drv.execute_script("return [document.documentElement."
                                        "scrollWidth, window.innerWidth]")
            if sw > iw:
                wide.append("%s (%d > %d)" % (f, sw, iw))
            if p == "vm_fault.9":
                drv.save_screenshot(os.path.join(outdir,
                                                 "vm_fault-phone.png"))
            errs += console_errors(drv)
        no_errors(errs, "any of %d pages" % len(pages))
        check(not nocrumbs, "every page shows where it sits %s" % nocrumbs)
        check(not noup, "every page but the entry links up to its index %s"
              % noup)
        check(not wide, "no page is wider than a phone %s" % wide)
    except WebDriverException as e:
        check(False, "the browser test stopped: " +
              str(e.msg or e).splitlines()[0])
    finally:
        drv.quit()
        shutil.rmtree(userdir, ignore_errors=True)
    print("browser: %d passed, %d failed; screenshots in %s" %
          (passed, failed, outdir))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
