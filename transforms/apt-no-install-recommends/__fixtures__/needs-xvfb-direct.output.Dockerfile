# Xvfb started directly: xvfb-run (and so xauth) is not used
FROM debian:bookworm-slim
RUN apt-get update && apt-get install --no-install-recommends -y xvfb x11-utils
CMD Xvfb :99 -screen 0 1280x1024x24 & sleep 1 && DISPLAY=:99 xdpyinfo
