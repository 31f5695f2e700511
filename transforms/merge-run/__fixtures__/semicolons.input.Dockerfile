FROM debian:12
RUN make; make check
RUN echo one; echo two || true
RUN ls
