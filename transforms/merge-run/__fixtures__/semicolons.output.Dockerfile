FROM debian:12
RUN make; make check && \
    { echo one; echo two || true; } && \
    ls
