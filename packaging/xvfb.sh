# Sourced by the packaging scripts: start_xvfb_if_headless [LOG] starts Xvfb on a free display
# when DISPLAY is unset and exports DISPLAY; the caller's EXIT trap kills "$xvfb_pid" (set here,
# empty when a display was there already).
xvfb_pid=
start_xvfb_if_headless() {
  [ -n "${DISPLAY:-}" ] && return 0
  command -v Xvfb >/dev/null || { echo "no display and no Xvfb (Debian: apt-get install xvfb libgtk-3-0)" >&2; return 1; }
  local d display=
  for d in $(seq 91 130); do [ -e "/tmp/.X11-unix/X$d" ] || [ -e "/tmp/.X$d-lock" ] || { display=":$d"; break; }; done
  [ -n "$display" ] || { echo "no free X display number between :91 and :130" >&2; return 1; }
  Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"${1:-/dev/null}" 2>&1 &
  xvfb_pid=$!
  export DISPLAY=$display
  sleep 1
}
