FROM debian:12
COPY lib/ /usr/local/
RUN chown -R app:app /usr/local
