FROM debian:12
RUN make OUT=/tmp/a && \
    { rm -rf /tmp/a; rm -rf /tmp/b || true; }
