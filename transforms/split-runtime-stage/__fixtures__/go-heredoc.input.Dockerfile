# syntax=docker/dockerfile:1
FROM golang:1.19
WORKDIR /app
COPY . .
RUN <<EOT
go build -o /usr/local/bin/app .
EOT
CMD ["app"]
