FROM golang:1.22 AS build
RUN apt-get update && apt-get install -y --no-install-recommends libpcap-dev
RUN go build -o /app .

FROM gcr.io/distroless/base-debian12
COPY --from=build /app /app
