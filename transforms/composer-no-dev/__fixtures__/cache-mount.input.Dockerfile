FROM php:8.2-fpm
WORKDIR /app
COPY composer.json composer.lock ./
RUN --mount=type=cache,target=/app/vendor composer install
