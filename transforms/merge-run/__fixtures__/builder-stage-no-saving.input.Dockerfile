FROM golang:1.22 AS build
RUN wget -q https://example.org/src.tgz && tar xzf src.tgz
RUN rm src.tgz
RUN go build -o /out/app ./...

FROM gcr.io/distroless/static
COPY --from=build /out/app /app
