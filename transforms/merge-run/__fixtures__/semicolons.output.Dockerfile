FROM debian:12
RUN make -C build; make check && \
    { echo one; echo two || true; } && \
    ls && rm -rf build
