FROM node:20
WORKDIR /app
COPY package.json ./
RUN npm install
COPY package*.json /srv/
RUN cd /srv && npm install
COPY . /other
RUN cd /other && npm install
COPY package-lock.json /elsewhere/
RUN npm install
