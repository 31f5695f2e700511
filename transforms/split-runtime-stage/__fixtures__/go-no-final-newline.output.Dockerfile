FROM golang:1.19 AS build
WORKDIR /app
COPY . .
RUN go build -ldflags="-s -w" -o /usr/local/bin/app .

FROM gcr.io/distroless/base-debian12:latest
WORKDIR /app
COPY --from=build /usr/local/bin/app /usr/local/bin/app
COPY --from=build /app /app
CMD ["app"]