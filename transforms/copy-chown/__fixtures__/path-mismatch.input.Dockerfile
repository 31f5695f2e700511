FROM debian:12
COPY . /app
RUN chown -R app:app /app/data
COPY conf /etc/app
RUN chown -R app /etc/app
