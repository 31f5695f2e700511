FROM debian:12
RUN make && \
    { rm -rf /tmp/a; rm -rf /tmp/b || true; }
