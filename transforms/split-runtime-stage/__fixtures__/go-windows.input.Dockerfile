FROM golang:1.21-windowsservercore-ltsc2022
WORKDIR C:/app
COPY . .
RUN go build -o app.exe .
CMD ["app.exe"]
