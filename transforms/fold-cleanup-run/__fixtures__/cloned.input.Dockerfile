FROM debian:12
RUN git clone --depth 1 https://example.org/lib.git /usr/src/lib && make -C /usr/src/lib install
RUN rm -rf /usr/src/lib
