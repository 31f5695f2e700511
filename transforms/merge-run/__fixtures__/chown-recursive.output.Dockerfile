FROM debian:12
COPY . /src
RUN mkdir -p /app && cp -r /src/dist /app/ && \
    chown -R www-data:www-data /app
USER www-data
