FROM debian:12
COPY --chown=app:app . /app
RUN echo done
