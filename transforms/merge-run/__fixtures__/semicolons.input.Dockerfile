FROM debian:12
RUN make -C build; make check
RUN echo one; echo two || true
RUN ls && rm -rf build
