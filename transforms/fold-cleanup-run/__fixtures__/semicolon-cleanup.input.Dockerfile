FROM debian:12
RUN make
RUN rm -rf /tmp/a; rm -rf /tmp/b || true
