FROM debian:12
COPY a /app
COPY b /app/b
RUN chown -R app:app /app
RUN npm ci && chown -R app:app /app
