FROM debian:12
RUN curl -fsSL https://example.org/install.sh > /tmp/install.sh && sh /tmp/install.sh
RUN rm /tmp/install.sh
