FROM php:8.2-cli
WORKDIR /app
COPY . .
RUN composer install && vendor/bin/phpunit

FROM php:8.2-cli
WORKDIR /app
COPY . .
RUN composer install
RUN php artisan config:cache

FROM php:8.2-cli
WORKDIR /app
COPY . .
RUN composer install
RUN composer run-script post-root-package-install

FROM php:8.2-cli
ENV APP_ENV=dev
WORKDIR /app
COPY . .
RUN composer install

FROM php:8.2-cli
WORKDIR /app
COPY . .
RUN composer install
ENTRYPOINT ["composer"]
