FROM node:18
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-save
RUN npm install -g
RUN npm install --save-dev
RUN npm install express
RUN npm --prefix /app install
RUN npm install --no-package-lock
RUN npm ci
