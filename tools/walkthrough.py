#!/usr/bin/env python3
"""A consultation with mouse and keyboard only, replayed with xdotool and timed.

From a photo to a client-ready split view, an exported before/after picture and the
report, the way a person does it in smp-studio:

  1. File > Open (Ctrl+O), type the photo's path, Return; wait for the dots.
  2. Scroll the side panel to the Consultation section, click the Client field, type the
     client's name, Return.
  3. S: the before/after split; drag the split line to 40 % of the canvas.
  4. Ctrl+E, Return: the export, at the path derived from the client and the photo.
  5. Ctrl+R: the report PDF next to it.
  6. F5: Presentation mode, nothing but the photo and the simulation for the client.

Usage: tools/walkthrough.py PHOTO [--studio build/app/smp-studio] [--client NAME] [--out DIR]
Runs under its own Xvfb (xvfb-run) when DISPLAY is not set. Prints the time of each step
and the total; exits non-zero when a step did not happen. The viewer writes its layout
(--layout-json) so the script knows where things are on the screen and when a step is done;
every action is an X input event.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


def xdo(*args):
    subprocess.run(["xdotool", *args], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def read_layout(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None  # not written yet, or caught mid-write


def wait_for(path, ready, limit_s, what):
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit_s:
        layout = read_layout(path)
        if layout and ready(layout):
            return layout
        time.sleep(0.1)
    sys.exit(f"walkthrough: {what} did not happen within {limit_s} s")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("photo")
    ap.add_argument("--studio", default=os.path.join(os.path.dirname(__file__), "..", "build", "app", "smp-studio"))
    # ASCII: xdotool types other characters by remapping a key for an instant, which a slow
    # software-GL frame can miss (the viewer itself takes any script).
    ap.add_argument("--client", default="Ann Lee")
    ap.add_argument("--out", default=None, help="folder for the photo copy and the outputs (default: a temporary one)")
    args = ap.parse_args()

    if not os.environ.get("DISPLAY"):
        if not shutil.which("xvfb-run"):
            sys.exit("walkthrough: no DISPLAY and no xvfb-run")
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24 -nolisten tcp", sys.executable, *sys.argv]
        sys.exit(subprocess.run(cmd).returncode)
    if not shutil.which("xdotool"):
        sys.exit("walkthrough: xdotool is not installed")

    out = args.out or tempfile.mkdtemp(prefix="smp-walkthrough-")
    os.makedirs(out, exist_ok=True)
    photo = os.path.join(out, os.path.basename(args.photo))  # the outputs go next to the photo
    shutil.copyfile(args.photo, photo)
    layout_path = os.path.join(out, "layout.json")
    env = dict(os.environ, XDG_CONFIG_HOME=out)  # no recent files or clinic settings of the user
    studio = subprocess.Popen([args.studio, "--width", "1400", "--height", "900", "--layout-json", layout_path],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    steps = []
    try:
        wait_for(layout_path, lambda l: "canvas" in l, 60, "the window")
        wid = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "SMP Studio"],
                             capture_output=True, text=True).stdout.split()[0]

        def at(x, y):
            xdo("mousemove", "--window", wid, str(round(x)), str(round(y)))

        t_start = time.monotonic()
        last = t_start

        def step(name):
            nonlocal last
            now = time.monotonic()
            steps.append((name, now - last))
            last = now

        # 1. Open the photo.
        at(300, 300)
        xdo("key", "ctrl+o")
        # Keys go to the file browser once its name field has the keyboard, however slow the frame.
        wait_for(layout_path, lambda l: l.get("typing", False), 60, "the file browser taking the keyboard")
        xdo("type", "--delay", "15", photo)
        xdo("key", "Return")
        layout = wait_for(layout_path, lambda l: l["photo"] == photo and l["impressions"] > 0, 120, "opening the photo")
        step("open the photo, dots shown")

        # 2. The client's name.
        canvas = layout["canvas"]
        panel_x = canvas[0] + canvas[2] + 150
        bottom = canvas[1] + canvas[3]

        def field_visible(l):
            f = l["client_field"]
            return f[2] > 0 and f[1] + f[3] < bottom - 30

        for _ in range(60):
            if field_visible(layout):
                break
            at(panel_x, 400)
            xdo("click", "5")
            time.sleep(0.15)
            layout = read_layout(layout_path) or layout
        time.sleep(0.5)  # let the panel settle before clicking
        layout = wait_for(layout_path, field_visible, 10, "the Client field coming into view")
        f = layout["client_field"]
        at(f[0] + f[2] / 2, f[1] + f[3] / 2)
        xdo("click", "1")
        time.sleep(0.3)
        xdo("type", "--delay", "30", args.client)
        xdo("key", "Return")
        wait_for(layout_path, lambda l: l["client"] == args.client, 20, "typing the client's name")
        step("client's name typed")

        # 3. The split view, its line dragged to 40 %.
        at(canvas[0] + canvas[2] * 0.6, canvas[1] + canvas[3] * 0.5)
        xdo("key", "s")
        wait_for(layout_path, lambda l: l["compare"] == 1, 10, "the split view")
        y = canvas[1] + canvas[3] * 0.85
        at(canvas[0] + canvas[2] * 0.5, y)
        time.sleep(0.2)
        xdo("mousedown", "1")
        for k in range(1, 6):
            at(canvas[0] + canvas[2] * (0.5 - 0.02 * k), y)
            time.sleep(0.05)
        xdo("mouseup", "1")
        wait_for(layout_path, lambda l: abs(l["split"] - 0.4) < 0.03, 10, "dragging the split line")
        step("split view, line at 40 %")

        # 4. The export (Ctrl+E opens the browser at the derived path; Return writes it).
        xdo("key", "ctrl+e")
        wait_for(layout_path, lambda l: l.get("typing", False), 60, "the export browser taking the keyboard")
        xdo("key", "Return")
        layout = wait_for(layout_path, lambda l: os.path.exists(l["export_path"]) and not l["task_running"], 120,
                          "writing the export")
        export_path = layout["export_path"]
        step("export written")

        # 5. The report.
        at(canvas[0] + canvas[2] * 0.6, canvas[1] + canvas[3] * 0.5)
        xdo("key", "ctrl+r")
        layout = wait_for(layout_path, lambda l: os.path.exists(l["report_path"]) and not l["task_running"], 120,
                          "writing the report")
        report_path = layout["report_path"]
        step("report written")

        # 6. Presentation mode.
        xdo("key", "F5")
        wait_for(layout_path, lambda l: l["presentation"] and not l["overlays_drawn"], 10, "Presentation mode")
        step("Presentation mode")

        total = time.monotonic() - t_start
        for name, seconds in steps:
            print(f"{seconds:6.1f} s  {name}")
        print(f"{total:6.1f} s  total")
        print(f"export: {export_path}\nreport: {report_path}")
    finally:
        studio.terminate()
        studio.wait()


if __name__ == "__main__":
    main()
