ARG PHP_IMAGE
FROM ${PHP_IMAGE}
WORKDIR /project
COPY composer.json composer.lock ./
RUN composer install --prefer-dist
COPY . .
