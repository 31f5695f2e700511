FROM golang:1.21 AS builder
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/server .

FROM golang:1.21
COPY --from=builder /out/server /server
CMD /server --port=$PORT
